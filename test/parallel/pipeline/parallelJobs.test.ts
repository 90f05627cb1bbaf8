import { cp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPipeline, type PipelineHarness } from '../../orchestrations/pipelineHarness';
import { eventually, repoRoot } from '../../support/hostProcess';
import { AZUREML_STYLE_PY, classifyCode, parallelJob, textFiles } from './parallelFixtures';

/**
 * Parallel jobs end to end on the local host (virtual clock, in-memory records and artifacts) with
 * real worker processes: partitioning, fan-out over shards, append_row, reports, thresholds,
 * retries, cancel and redrive.
 */

let t: PipelineHarness;
beforeAll(async () => {
  t = await startPipeline();
  await classifyCode(t.dataRoot);
});
afterAll(async () => t?.stop());

async function submit(job: Record<string, unknown>): Promise<void> {
  const response = await t.post('/api/jobs', job);
  expect(response.status, await response.clone().text()).toBeLessThan(300);
}

async function output(name: string, file = 'parallel_run_step.txt'): Promise<string> {
  const stream = await t.artifacts.readOutputFile(name, 'scores', file);
  if (stream === undefined) throw new Error(`no output file ${file} for ${name}`);
  return text(stream);
}

async function report(name: string, log: string): Promise<string> {
  return (await t.artifacts.readLog(name, log))?.data.toString('utf8') ?? '';
}

const fileName = (i: number) => `file_${String(i).padStart(3, '0')}.txt`;

describe('a parallel job with a RunFunction entry script', () => {
  it('runs every mini-batch and appends each one\'s rows exactly once, in mini-batch order', async () => {
    const contents = Array.from({ length: 25 }, (_, i) => 'x'.repeat(i + 1));
    await textFiles(t.dataRoot, 'texts', contents);
    const initLog = path.join(t.dataRoot, `init-${Date.now()}.log`);
    const job = parallelJob({ environment_variables: { INIT_LOG: initLog } });
    await submit(job);
    await t.settle();

    const record = await t.record(job.name);
    expect(record.status, JSON.stringify(record.error)).toBe('Completed');
    expect(await t.statuses(job.name)).toEqual(['NotStarted', 'Starting', 'Preparing', 'Queued', 'Running', 'Finalizing', 'Completed']);
    expect(await output(job.name)).toBe(contents.map((c, i) => `${fileName(i)} ${c.length}\n`).join(''));
    expect(record.progress).toEqual({ miniBatches: { total: 7, running: 0, succeeded: 7, failed: 0 }, items: { succeeded: 25, failed: 0 } });
    const csv = (await report(job.name, 'logs/sys/job_report/processed_mini-batches.csv')).trim().split('\n');
    expect(csv[0]).toBe('mini_batch_id,items,succeeded,failed,attempts,elapsed_seconds,status,error');
    expect(csv.slice(1).map((row) => row.split(',').slice(0, 5).concat(row.split(',')[6] ?? ''))).toEqual(
      [4, 4, 4, 4, 4, 4, 1].map((items, id) => [String(id), String(items), String(items), '0', '1', 'succeeded']),
    );
    expect(await report(job.name, 'logs/job_result.txt')).toMatch(/^Completed/);
    expect(await report(job.name, 'logs/job_error.txt')).toBe('');
    expect(Object.keys(record.logFiles)).toEqual(expect.arrayContaining(['logs/job_progress_overview.txt', 'logs/job_result.txt', 'logs/job_error.txt', 'logs/sys/job_report/processed_mini-batches.csv']));
    // init() once per worker process (2 of them), shutdown() once each when the pool ended.
    const lines = (await readFile(initLog, 'utf8')).trim().split('\n');
    const inits = lines.filter((line) => line.startsWith('init '));
    expect(inits.length).toBeGreaterThanOrEqual(1);
    expect(inits.length).toBeLessThanOrEqual(2);
    expect(new Set(inits).size).toBe(inits.length);
    expect(lines.filter((line) => line.startsWith('shutdown ')).map((line) => line.slice(9)).sort()).toEqual(inits.map((line) => line.slice(5)).sort());
  }, 60_000);

  it('retries a failing mini-batch, counts it failed, and completes while the failures stay within the thresholds', async () => {
    const contents = Array.from({ length: 12 }, (_, i) => (i === 5 ? 'bad' : 'fine'));
    await textFiles(t.dataRoot, 'texts-one-bad', contents);
    const job = parallelJob({
      inputs: { texts: { type: 'uri_folder', path: './texts-one-bad' } },
      mini_batch_size: 3, retry_settings: { max_retries: 2, timeout: 30 }, mini_batch_error_threshold: 1, error_threshold: 3,
    });
    await submit(job);
    await t.settle();

    const record = await t.record(job.name);
    expect(record.status, JSON.stringify(record.error)).toBe('Completed');
    expect(record.progress).toEqual({ miniBatches: { total: 4, running: 0, succeeded: 3, failed: 1 }, items: { succeeded: 9, failed: 3 } });
    expect(await report(job.name, 'logs/job_error.txt')).toMatch(/^mini-batch 1 \(3 items, 3 attempts\): run\(\) raised: .*cannot classify file_005\.txt/);
    expect((await output(job.name)).split('\n').filter(Boolean).map((row) => row.split(' ')[0])).toEqual([0, 1, 2, 6, 7, 8, 9, 10, 11].map(fileName));
  }, 60_000);

  it('fails the job once failed mini-batches pass mini_batch_error_threshold, and does not upload outputs', async () => {
    const contents = Array.from({ length: 40 }, () => 'bad');
    await textFiles(t.dataRoot, 'texts-all-bad', contents);
    const job = parallelJob({
      inputs: { texts: { type: 'uri_folder', path: './texts-all-bad' } },
      mini_batch_size: 1, retry_settings: { max_retries: 0, timeout: 30 }, mini_batch_error_threshold: 2,
    });
    await submit(job);
    await t.settle();

    const record = await t.record(job.name);
    expect(record.status).toBe('Failed');
    expect(record.error?.message).toMatch(/mini-batches failed, more than mini_batch_error_threshold \(2\)/);
    expect(record.progress?.miniBatches.failed).toBeGreaterThan(2);
    expect(await report(job.name, 'logs/job_result.txt')).toMatch(/^Failed: .*mini_batch_error_threshold/);
    expect(record.outputs).toEqual({});
  }, 60_000);

  it('counts a mini-batch whose run() returns fewer results than inputs as failed, with the difference as failed items', async () => {
    await textFiles(t.dataRoot, 'texts-short', ['a', 'short', 'c', 'd']);
    const job = parallelJob({ inputs: { texts: { type: 'uri_folder', path: './texts-short' } }, mini_batch_size: 2, retry_settings: { max_retries: 1, timeout: 30 } });
    await submit(job);
    await t.settle();

    const record = await t.record(job.name);
    expect(record.status).toBe('Completed');
    expect(record.progress).toEqual({ miniBatches: { total: 2, running: 0, succeeded: 1, failed: 1 }, items: { succeeded: 3, failed: 1 } });
    expect(await report(job.name, 'logs/job_error.txt')).toMatch(/^mini-batch 0 \(2 items, 2 attempts\): run\(\) returned 1 result for 2 items/);
    expect(await output(job.name)).toBe('file_002.txt 1\nfile_003.txt 1\n');
  }, 60_000);

  it('redrives only the failed mini-batches of a finished job and merges their rows into the output in order', async () => {
    const contents = Array.from({ length: 10 }, (_, i) => (i % 4 === 1 ? 'bad' : `ok${i}`));
    await textFiles(t.dataRoot, 'texts-redrive', contents);
    const marker = path.join(t.dataRoot, `broken-${Date.now()}`);
    await writeFile(marker, 'while this file exists, bad files fail');
    const job = parallelJob({
      inputs: { texts: { type: 'uri_folder', path: './texts-redrive' } }, mini_batch_size: 2, retry_settings: { max_retries: 0, timeout: 30 },
      task: { ...(parallelJob().task as object), program_arguments: `--marker ${marker}` },
    });
    await submit(job);
    await t.settle();
    const first = await t.record(job.name);
    expect(first.status).toBe('Completed');
    // Files 1, 5 and 9 are bad: mini-batches 0, 2 and 4 fail, 1 (files 2, 3) and 3 (files 6, 7) succeed.
    expect(first.progress?.miniBatches).toEqual({ total: 5, running: 0, succeeded: 2, failed: 3 });
    expect((await output(job.name)).split('\n').filter(Boolean).map((row) => row.split(' ')[0])).toEqual([2, 3, 6, 7].map(fileName));

    await rm(marker);
    const redrive = await t.post(`/api/jobs/${job.name}/redrive`);
    expect(redrive.status, await redrive.clone().text()).toBe(202);
    await t.settle();

    const after = await t.record(job.name);
    expect(after.status, JSON.stringify(after.error)).toBe('Completed');
    expect(after.statusHistory.map((c) => c.status).slice(-4)).toEqual(['Queued', 'Running', 'Finalizing', 'Completed']);
    expect(after.progress?.miniBatches).toEqual({ total: 5, running: 0, succeeded: 5, failed: 0 });
    expect(await output(job.name)).toBe(contents.map((c, i) => `${fileName(i)} ${c.length}\n`).join(''));
    const again = await t.post(`/api/jobs/${job.name}/redrive`);
    expect(again.status).toBe(409);
  }, 90_000);

  it('cancels a running parallel job: the mini-batches not started are skipped and the reports say so', async () => {
    await textFiles(t.dataRoot, 'texts-cancel', Array.from({ length: 10 }, (_, i) => `item ${i}`));
    const release = path.join(t.dataRoot, `release-${Date.now()}`);
    const started = `${release}.started`;
    await writeFile(path.join(t.dataRoot, 'src', 'wait.js'), `
      const fs = require('node:fs');
      exports.init = () => {};
      exports.run = async (batch) => {
        fs.writeFileSync(${JSON.stringify(started)}, '');
        while (!fs.existsSync(${JSON.stringify(release)})) await new Promise((resolve) => setTimeout(resolve, 10));
        return batch.map(() => 'done');
      };`);
    const job = parallelJob({
      inputs: { texts: { type: 'uri_folder', path: './texts-cancel' } }, mini_batch_size: 1, max_concurrency_per_instance: 1,
      task: { ...(parallelJob().task as object), entry_script: 'wait.js' },
    });
    await submit(job);
    await eventually(async () => ((await stat(started).catch(() => undefined)) ? true : undefined), 'a mini-batch to start');
    const cancel = await t.post(`/api/jobs/${job.name}/cancel`, { reason: 'enough' });
    expect(cancel.status).toBe(202);
    await eventually(async () => ((await t.record(job.name)).status === 'CancelRequested' ? true : undefined), 'CancelRequested');
    await writeFile(release, '');
    await t.settle();

    const record = await t.record(job.name);
    expect(record.status).toBe('Canceled');
    expect(record.statusHistory.at(-1)?.reason).toBe('enough');
    expect(record.progress?.miniBatches.succeeded).toBe(1); // the one running when the cancel came; one worker, so no other had started
    expect(record.progress?.miniBatches.failed).toBe(0);
    expect(await report(job.name, 'logs/job_result.txt')).toMatch(/^Canceled: enough\n/);
    expect(await report(job.name, 'logs/sys/job_report/processed_mini-batches.csv')).toMatch(/,not_run,/);
    expect(record.outputs).toEqual({});
  }, 60_000);

  it('gives the script its program_arguments as argv, the model folder as AZUREML_MODEL_DIR and the environment variables', async () => {
    await textFiles(t.dataRoot, 'texts-env', ['one']);
    await textFiles(t.dataRoot, 'model-v1', ['weights']);
    await writeFile(path.join(t.dataRoot, 'src', 'env.js'), `
      const fs = require('node:fs');
      exports.init = () => {};
      exports.run = (batch) => [[process.argv.slice(2).join('|'), fs.readdirSync(process.env.AZUREML_MODEL_DIR).join('+'), process.env.GREETING].join(' ; ')];`);
    const job = parallelJob({
      inputs: { texts: { type: 'uri_folder', path: './texts-env' }, model: { type: 'custom_model', path: './model-v1' }, label: 'two words; $(id)' },
      environment_variables: { GREETING: 'hello there' },
      task: { ...(parallelJob().task as object), entry_script: 'env.js', model: '${{inputs.model}}', program_arguments: '--label ${{inputs.label}} --out ${{outputs.scores}}' },
    });
    await submit(job);
    await t.settle();

    const record = await t.record(job.name);
    expect(record.status, JSON.stringify(record.error)).toBe('Completed');
    const [argv, model, greeting] = (await output(job.name)).trim().split(' ; ');
    expect(argv).toMatch(/^--label\|two words; \$\(id\)\|--out\|\/.+\/outputs\/scores$/);
    expect(model).toBe('file_000.txt');
    expect(greeting).toBe('hello there');
  }, 60_000);

  it('runs a Python entry script written as for Azure ML (argparse in init, EntryScript().logger)', async () => {
    await textFiles(t.dataRoot, 'texts-py', ['alpha', 'beta', 'gamma']);
    await writeFile(path.join(t.dataRoot, 'src', 'azureml_style.py'), AZUREML_STYLE_PY);
    const job = parallelJob({
      inputs: { texts: { type: 'uri_folder', path: './texts-py' } }, mini_batch_size: '2',
      task: { ...(parallelJob().task as object), entry_script: 'azureml_style.py', program_arguments: '--prefix py-' },
    });
    await submit(job);
    await t.settle();

    const record = await t.record(job.name);
    expect(record.status, JSON.stringify(record.error)).toBe('Completed');
    expect(await output(job.name)).toBe('py-file_000.txt:alpha\npy-file_001.txt:beta\npy-file_002.txt:gamma\n');
    const logs = Object.keys(record.logFiles).filter((name) => name.startsWith('logs/user/stdout/'));
    const text = (await Promise.all(logs.map((name) => report(job.name, name)))).join('');
    expect(text).toMatch(/INFO init with prefix py-/);
    expect(text).toMatch(/INFO mini-batch of 2/);
  }, 60_000);

  it('splits an MLTable into row mini-batches (1 MB by default, or mini_batch_size) and hands run() row objects', async () => {
    await cp(path.join(repoRoot, 'examples', 'data', 'mltable-iris'), path.join(t.dataRoot, 'iris-table'), { recursive: true });
    await writeFile(path.join(t.dataRoot, 'src', 'species.js'), `
      exports.init = () => {};
      exports.run = (rows) => rows.map((row) => row.species + ':' + row.petal_length);`);
    const expected = (await readFile(path.join(repoRoot, 'examples', 'data', 'iris.csv'), 'utf8')).trim().split('\n').slice(1)
      .map((line) => `${line.split(',')[4]}:${line.split(',')[2]}`);
    for (const size of [undefined, '1kb']) {
      const job = parallelJob({
        inputs: { texts: { type: 'mltable', path: './iris-table' } }, mini_batch_size: size,
        task: { ...(parallelJob().task as object), entry_script: 'species.js' },
      });
      await submit(job);
      await t.settle();
      const record = await t.record(job.name);
      expect(record.status, JSON.stringify(record.error)).toBe('Completed');
      expect((await output(job.name)).trim().split('\n')).toEqual(expected);
      if (size === undefined) expect(record.progress?.miniBatches.total).toBe(1);
      else expect(record.progress?.miniBatches.total).toBeGreaterThan(1);
    }
  }, 60_000);

  it('fails a mini-batch whose run() outlasts retry_settings.timeout and goes on with the others', async () => {
    await textFiles(t.dataRoot, 'texts-hang', ['quick', 'hang', 'quick too']);
    await writeFile(path.join(t.dataRoot, 'src', 'hang.js'), `
      const fs = require('node:fs');
      exports.init = () => {};
      exports.run = (batch) => {
        if (batch.some((file) => fs.readFileSync(file, 'utf8') === 'hang')) for (;;) {}
        return batch.map(() => process.pid);
      };`);
    const job = parallelJob({
      inputs: { texts: { type: 'uri_folder', path: './texts-hang' } }, mini_batch_size: 1, max_concurrency_per_instance: 1,
      retry_settings: { max_retries: 0, timeout: 1 },
      task: { ...(parallelJob().task as object), entry_script: 'hang.js' },
    });
    await submit(job);
    await t.settle();

    const record = await t.record(job.name);
    expect(record.status).toBe('Completed');
    expect(record.progress).toEqual({ miniBatches: { total: 3, running: 0, succeeded: 2, failed: 1 }, items: { succeeded: 2, failed: 1 } });
    expect(await report(job.name, 'logs/job_error.txt')).toMatch(/^mini-batch 1 \(1 items, 1 attempts\): run\(\) timed out/);
    expect((await output(job.name)).trim().split('\n')).toHaveLength(2);
  }, 60_000);

  it('refuses to redrive a command job or one that has not ended', async () => {
    const response = await t.post('/api/jobs/no-such-job/redrive');
    expect(response.status).toBe(404);
  });
});
