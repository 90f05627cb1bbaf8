import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localPathsOf } from '../../../src/cli/upload/localPaths';
import { rewriteJobText } from '../../../src/cli/upload/rewriteJobText';
import { parseJob, ValidationError } from '../../../src/model';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'dj-upload-paths-'));
  await mkdir(path.join(root, 'jobs', 'src'), { recursive: true });
  await mkdir(path.join(root, 'data'), { recursive: true });
  await writeFile(path.join(root, 'data', 'rows.csv'), 'a\n');
});
afterEach(() => rm(root, { recursive: true, force: true }));

const job = (spec: Record<string, unknown>) => parseJob({ name: 'j', command: 'ls', environment: 'azureml:env:1', ...spec }, { random: Math.random });

describe('the local paths a job file has the CLI upload', () => {
  it('are its code and its data inputs, relative to the job file\'s folder — not literals, URIs, direct inputs or outputs', async () => {
    const file = path.join(root, 'jobs', 'train.yml');
    const found = await localPathsOf(job({
      code: 'src',
      inputs: {
        table: { type: 'uri_file', path: '../data/rows.csv' }, folder: { type: 'uri_folder', path: pathToFileURL(path.join(root, 'data')).href },
        remote: { type: 'uri_folder', path: 'azureml://datastores/x/paths/y/' }, pointer: { type: 'uri_folder', path: '../data', mode: 'direct' }, n: 3,
      },
      outputs: { out: { type: 'uri_folder', path: './results' } },
    }), file);
    expect(found.map(({ at, local, kind }) => [at.join('.'), local, kind])).toEqual([
      ['code', path.join(root, 'jobs', 'src'), 'code'],
      ['inputs.table.path', path.join(root, 'data', 'rows.csv'), 'file'],
      ['inputs.folder.path', path.join(root, 'data'), 'folder'],
    ]);
  });

  it('include a parallel job\'s task.code', async () => {
    const file = path.join(root, 'jobs', 'score.yml');
    const parallel = parseJob({
      name: 'p', type: 'parallel', inputs: { rows: { type: 'uri_file', path: '../data/rows.csv' } }, input_data: '${{inputs.rows}}',
      task: { code: './src', entry_script: 'score.py', environment: 'azureml:env:1' },
    }, { random: Math.random });
    const found = await localPathsOf(parallel, file);
    expect(found.map(({ at, kind }) => [at.join('.'), kind])).toEqual([['task.code', 'code'], ['inputs.rows.path', 'file']]);
  });

  it('must exist and be of their kind, or the CLI names each problem with the job file', async () => {
    const file = path.join(root, 'jobs', 'train.yml');
    const failure = await localPathsOf(job({ code: 'nope', inputs: { t: { type: 'uri_file', path: '../data' } } }), file).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ValidationError);
    expect((failure as ValidationError).issues).toEqual([
      { file, path: 'code', message: `"nope" does not exist (local paths are relative to the job file's folder ${path.join(root, 'jobs')})` },
      { file, path: 'inputs.t.path', message: `"../data" is not a file (a uri_file input names one file) (local paths are relative to the job file's folder ${path.join(root, 'jobs')})` },
    ]);
  });
});

describe('rewriting a job file for its uploads', () => {
  it('keeps a YAML file\'s comments and layout, changing only the values', () => {
    const text = '# training\ncommand: python train.py # the entry\ncode: ./src\ninputs:\n  data:\n    path: ./data # local\n';
    expect(rewriteJobText(text, [{ at: ['code'], value: 'azureml://a/' }, { at: ['inputs', 'data', 'path'], value: 'azureml://b/' }], false))
      .toBe('# training\ncommand: python train.py # the entry\ncode: azureml://a/\ninputs:\n  data:\n    path: azureml://b/ # local\n');
  });

  it('writes a JSON file as JSON', () => {
    expect(JSON.parse(rewriteJobText('{"code": "./src", "command": "ls"}', [{ at: ['code'], value: 'azureml://a/' }], true))).toEqual({ code: 'azureml://a/', command: 'ls' });
  });
});
