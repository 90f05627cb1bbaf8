import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrepareResult } from '../../src/activities/contracts';
import { prepare } from '../../src/activities/prepare';
import { activityFixture, type ActivityFixture } from './fixtures';

let fixture: ActivityFixture;
let jobs = 0;
beforeEach(async () => {
  fixture = await activityFixture();
  jobs = 0;
});
afterEach(() => fixture.dispose());

async function prepared(spec: Record<string, unknown>): Promise<PrepareResult> {
  const name = jobs++ === 0 ? 'job-1' : `job-1-${jobs}`;
  await fixture.addJob({ name, ...spec });
  return prepare(fixture.deps, { job: name });
}

async function run(spec: Record<string, unknown>) {
  const result = await prepared(spec);
  if (!result.ok) throw new Error(`prepare failed: ${result.error.message}`);
  return result.run;
}

async function userError(spec: Record<string, unknown>): Promise<string> {
  const result = await prepared(spec);
  if (result.ok) throw new Error('expected prepare to fail');
  expect(result.error.code).toBe('UserError');
  return result.error.message;
}

describe('the JobPrepare activity', () => {
  it('makes the working directory from the code snapshot and records the job log', async () => {
    await mkdir(path.join(fixture.dataRoot, 'src', 'pkg'), { recursive: true });
    await writeFile(path.join(fixture.dataRoot, 'src', 'pkg', 'train.py'), 'print(1)\n');
    const result = await run({ code: 'src', limits: { timeout: 60 } });
    expect(result).toEqual({
      compute: 'local', command: 'echo hi', workingDir: path.join(fixture.workRoot, 'job-1', 'code'), outputs: {}, concurrencyLimit: 3, timeoutSeconds: 60,
    });
    expect(await readFile(path.join(result.workingDir, 'pkg', 'train.py'), 'utf8')).toBe('print(1)\n');
    expect((await fixture.deps.jobs.get('job-1'))?.logFiles).toEqual({ 'user_logs/std_log.txt': 'https://memory.invalid/job-artifacts/job-1/logs/user_logs/std_log.txt' });
  });

  it('binds literals, defaults, local paths, copies for download mode, and drops optional inputs without a path', async () => {
    await mkdir(path.join(fixture.dataRoot, 'data'), { recursive: true });
    await writeFile(path.join(fixture.dataRoot, 'data', 'a.csv'), 'a\n');
    const result = await run({
      command: 'run --n ${{inputs.n}} --flag ${{inputs.flag}} --dir ${{inputs.dir}} --file ${{inputs.file}} $[[--opt ${{inputs.opt}}]] --name "${{inputs.who}}"',
      inputs: {
        n: 3, flag: true, who: { type: 'string', default: "O'Brien" },
        dir: { type: 'uri_folder', path: './data' },
        file: { type: 'uri_file', path: 'data/a.csv', mode: 'download' },
        opt: { type: 'uri_file', optional: true },
      },
    });
    const copy = path.join(fixture.workRoot, 'job-1', 'inputs', 'file', 'a.csv');
    const readOnlyCopy = path.join(fixture.workRoot, 'job-1', 'inputs', 'dir');
    expect(result.command).toBe(`run --n '3' --flag 'True' --dir '${readOnlyCopy}' --file '${copy}'  --name "O'Brien"`);
    expect(await readFile(copy, 'utf8')).toBe('a\n');
  });

  it('downloads blob and azureml:// datastore inputs into the job\'s inputs folder', async () => {
    const url = fixture.deps.artifacts.putBlob('datasets', 'iris/iris.csv', Buffer.from('x,y\n'));
    fixture.deps.artifacts.putBlob('workspaceblobstore', 'texts/a.txt', Buffer.from('hello'));
    const result = await run({
      command: 'cat ${{inputs.table}} ${{inputs.texts}}',
      inputs: { table: { type: 'uri_file', path: url }, texts: { type: 'uri_folder', path: 'azureml://datastores/workspaceblobstore/paths/texts/' } },
    });
    const inputs = path.join(fixture.workRoot, 'job-1', 'inputs');
    expect(result.command).toBe(`cat '${path.join(inputs, 'table', 'iris.csv')}' '${path.join(inputs, 'texts')}'`);
    expect(await readFile(path.join(inputs, 'texts', 'a.txt'), 'utf8')).toBe('hello');
  });

  it('creates an empty folder per output and binds uri_file outputs to a file inside it', async () => {
    const result = await run({
      command: 'train --model ${{outputs.model}} --metrics ${{outputs.metrics}}',
      outputs: { model: { type: 'uri_folder' }, metrics: { type: 'uri_file', path: 'azureml://datastores/x/paths/metrics.json' } },
    });
    const outputs = path.join(fixture.workRoot, 'job-1', 'outputs');
    expect(result.outputs).toEqual({ model: path.join(outputs, 'model'), metrics: path.join(outputs, 'metrics') });
    expect(result.command).toBe(`train --model '${path.join(outputs, 'model')}' --metrics '${path.join(outputs, 'metrics', 'metrics.json')}'`);
  });

  it('refuses local paths that leave the data root, by .. or by a symbolic link', async () => {
    await symlink('/etc', path.join(fixture.dataRoot, 'etc-link'));
    expect(await userError({ code: '../..' })).toMatch(/^code {2}"\.\.\/\.\." resolves to .*, outside the data root .*; local paths must stay inside it \(set LOCAL_DATA_ROOT to change it\)$/);
    expect(await userError({ command: 'cat ${{inputs.d}}', inputs: { d: { type: 'uri_folder', path: 'etc-link' } } })).toContain('inputs.d.path  "etc-link" resolves to /etc, outside the data root');
  });

  it('says which input is missing, unsupported or of the wrong kind', async () => {
    await writeFile(path.join(fixture.dataRoot, 'file.txt'), '');
    expect(await userError({ command: 'cat ${{inputs.d}}', inputs: { d: { path: 'nope' } } })).toContain('inputs.d.path  "nope" does not exist');
    expect(await userError({ command: 'cat ${{inputs.d}}', inputs: { d: { path: 'azureml:iris:1' } } })).toContain('inputs.d.path  "azureml:iris:1" is a data asset');
    expect(await userError({ command: 'cat ${{inputs.d}}', inputs: { d: { type: 'uri_folder', path: 'file.txt' } } })).toContain('"file.txt" is a file; expected a folder');
    expect(await userError({ command: 'cat ${{inputs.d}}', inputs: { d: { path: 'https://elsewhere.example/c/x' } } })).toContain('inputs.d.path');
    expect(await userError({ command: 'cat ${{inputs.d}}', inputs: { d: { path: 'https://memory.invalid/none/x' } } })).toContain('inputs.d.path');
  });
});
