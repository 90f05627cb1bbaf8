import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NormalizedCommandJob } from '../../src/model/commandJob';
import type { NormalizedJob } from '../../src/model/jobSpec';
import type { NormalizedParallelJob } from '../../src/model/parallelJob';
import { parseJobYaml, toYaml } from '../../src/model/yaml';

const DIR = join(__dirname, '../fixtures/jobs/valid');
const FILES = readdirSync(DIR).filter((file) => file.endsWith('.yml')).sort();

const noRandom = () => {
  throw new Error('a job that has a name must not get a generated one');
};
const load = (file: string, random: () => number = () => 0.5): NormalizedJob => parseJobYaml(readFileSync(join(DIR, file), 'utf8'), file, { random });
const loadCommand = (file: string): NormalizedCommandJob => {
  const job = load(file);
  if (job.type !== 'command') throw new Error(`${file} is a ${job.type} job`);
  return job;
};
const loadParallel = (file: string): NormalizedParallelJob => {
  const job = load(file);
  if (job.type !== 'parallel') throw new Error(`${file} is a ${job.type} job`);
  return job;
};

describe('valid job files', () => {
  it('has at least twenty of them', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(20);
  });

  it.each(FILES)('%s is a valid job', (file) => {
    expect(['command', 'parallel']).toContain(load(file).type);
  });

  it.each(FILES)('%s loads back unchanged after being dumped as YAML', (file) => {
    const job = load(file);
    expect(parseJobYaml(toYaml(job), `dumped-${file}`, { random: noRandom })).toStrictEqual(job);
  });
});

describe('Azure ML defaults applied when loading', () => {
  it('fills in a generated name, local compute and instance count 1, and treats a job without type as a command job', () => {
    expect(load('hello-world.yml', () => 0)).toStrictEqual({
      $schema: 'https://azuremlschemas.azureedge.net/latest/commandJob.schema.json',
      type: 'command',
      name: 'amiable_apple_aaaaaaaaaa',
      compute: 'local',
      command: 'echo "hello world"',
      environment: { image: 'library/python:latest' },
      inputs: {},
      outputs: {},
      resources: { instance_count: 1 },
    });
  });

  it('keeps a given name and compute', () => {
    expect(load('explicit-type-and-name.yml', noRandom)).toMatchObject({ name: 'hello-world-001', compute: 'azureml:cpu-cluster' });
  });

  it('keeps metadata as written, multi-line descriptions included', () => {
    expect(load('org-metadata.yml')).toMatchObject({
      display_name: 'hello-world-example',
      experiment_name: 'hello-world-example',
      description: '# Hello World\n\nA *hello world* job, with a description in Markdown.\n',
      tags: { hello: 'world', team: 'ml-platform' },
      properties: { 'cost-center': '4711' },
    });
  });

  it('gives data inputs type uri_folder and mode ro_mount unless they say otherwise', () => {
    expect(load('data-input-types-and-modes.yml').inputs).toStrictEqual({
      iris_csv: { type: 'uri_file', path: 'https://azuremlexamples.blob.core.windows.net/datasets/iris.csv', mode: 'download' },
      images: { type: 'uri_folder', path: 'azureml://datastores/workspaceblobstore/paths/images/', mode: 'ro_mount' },
      table: { type: 'mltable', path: './data/iris-mltable', mode: 'eval_mount' },
      raw_url: { type: 'uri_folder', path: 'wasbs://datasets@azuremlexamples.blob.core.windows.net/', mode: 'direct' },
      model: { type: 'mlflow_model', path: 'azureml:iris-model:3', mode: 'ro_mount', description: 'the model to evaluate' },
    });
  });

  it('keeps literal inputs as literals and gives typed primitive inputs no mode', () => {
    expect(load('literal-inputs.yml').inputs).toStrictEqual({ hello_string: 'hello world', hello_number: 42, hello_boolean: false });
    expect(load('typed-primitive-inputs.yml').inputs).toStrictEqual({
      epochs: { type: 'integer', default: 10 },
      learning_rate: { type: 'number', default: 0.01 },
      shuffle: { type: 'boolean', default: true },
      optimizer: { type: 'string', default: 'adam', description: 'name of the optimizer' },
    });
  });

  it('gives outputs type uri_folder and mode rw_mount, an empty output included', () => {
    expect(load('outputs.yml').outputs).toStrictEqual({
      model: { type: 'uri_folder', mode: 'rw_mount' },
      metrics: { type: 'uri_folder', mode: 'upload' },
      report: { type: 'uri_file', path: 'azureml://datastores/workspaceblobstore/paths/reports/report.html', mode: 'rw_mount' },
      predictions: { type: 'mlflow_model', mode: 'rw_mount', name: 'iris-predictions', version: 1, description: 'registered as a model asset' },
    });
  });

  it('runs one PyTorch process per instance and one TensorFlow worker per instance by default', () => {
    expect(load('distribution-pytorch.yml')).toMatchObject({
      distribution: { type: 'pytorch', process_count_per_instance: 1 },
      resources: { instance_count: 2, shm_size: '16g' },
    });
    expect(loadCommand('distribution-tensorflow.yml').distribution).toStrictEqual({ type: 'tensorflow', worker_count: 2, parameter_server_count: 1 });
    expect(loadCommand('distribution-mpi.yml').distribution).toStrictEqual({ type: 'mpi', process_count_per_instance: 2 });
  });

  it('spells managed identities "managed" and keeps job_tier null', () => {
    expect(load('managed-identity-long-spelling.yml')).toMatchObject({ identity: { type: 'managed' }, queue_settings: { job_tier: null } });
  });

  it('keeps limits, identity, queue settings and services as written', () => {
    expect(load('limits-identity-queue.yml')).toMatchObject({
      limits: { timeout: 900 },
      identity: { type: 'managed', client_id: '00000000-0000-0000-0000-000000000001' },
      queue_settings: { job_tier: 'spot', priority: 'high' },
    });
    expect(loadCommand('services.yml').services).toStrictEqual({
      my_jupyter_lab: { type: 'jupyter_lab' },
      my_ssh: { type: 'ssh', ssh_public_keys: 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC user@host', nodes: 'all' },
      my_tensorboard: { type: 'tensor_board', log_dir: 'outputs/tblogs' },
      my_vscode: { type: 'vs_code' },
      my_custom: { type: 'custom', port: 8888, properties: { protocol: 'http' } },
    });
  });

  it('fills every parallel job default: one file per mini-batch, one process per instance, failures ignored, 2 retries of 60 s, INFO, summary_only', () => {
    expect(load('parallel-minimal-defaults.yml', () => 0)).toStrictEqual({
      $schema: 'https://azuremlschemas.azureedge.net/latest/parallelJob.schema.json',
      type: 'parallel',
      name: 'amiable_apple_aaaaaaaaaa',
      compute: 'local',
      inputs: { images: { type: 'uri_folder', path: './data/images', mode: 'ro_mount' } },
      outputs: {},
      input_data: '${{inputs.images}}',
      mini_batch_size: { kind: 'files', count: 1 },
      resources: { instance_count: 1 },
      max_concurrency_per_instance: 1,
      error_threshold: -1,
      mini_batch_error_threshold: -1,
      retry_settings: { max_retries: 2, timeout: 60 },
      logging_level: 'INFO',
      task: { type: 'run_function', entry_script: 'score.py', environment: 'azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest' },
      output_action: 'summary_only',
    });
  });

  it('parses byte sizes for tabular input and derives append_row from append_row_to', () => {
    expect(load('parallel-tabular-everything.yml')).toMatchObject({
      name: 'iris_batch_prediction_01',
      mini_batch_size: { kind: 'bytes', bytes: 10 * 1024 },
      resources: { instance_count: 2 },
      max_concurrency_per_instance: 2,
      error_threshold: 5,
      mini_batch_error_threshold: 5,
      retry_settings: { max_retries: 3, timeout: 120 },
      logging_level: 'DEBUG',
      environment_variables: { AZUREML_PARALLEL_EXAMPLE: '2a_yaml' },
      task: { type: 'run_function', append_row_to: '${{outputs.job_output_file}}', environment: { name: 'prs-env', version: 1 } },
      output_action: 'append_row',
    });
    expect(load('parallel-uri-file-megabytes.yml')).toMatchObject({
      mini_batch_size: { kind: 'bytes', bytes: 10 * 1024 * 1024 },
      retry_settings: { max_retries: 2, timeout: 300 },
      output_action: 'append_row',
    });
  });

  it('reads a numeric mini_batch_size as a file count, and no append_row_to as summary_only', () => {
    expect(load('parallel-numeric-batch-summary-only.yml')).toMatchObject({
      mini_batch_size: { kind: 'files', count: 20 },
      max_concurrency_per_instance: 4,
      logging_level: 'WARNING',
      output_action: 'summary_only',
    });
    expect(loadParallel('parallel-file-batches.yml').mini_batch_size).toStrictEqual({ kind: 'files', count: 5 });
  });

  it('writes byte sizes back in the largest exact unit and leaves out derived fields', () => {
    const yaml = toYaml(load('parallel-tabular-everything.yml'));
    expect(yaml).toContain('mini_batch_size: 10kb\n');
    expect(yaml).not.toContain('output_action');
  });
});
