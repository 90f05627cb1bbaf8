import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, chmod, mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanUp, finalize } from '../../src/activities/finalize';
import { prepare } from '../../src/activities/prepare';
import { activityFixture, type ActivityFixture } from './fixtures';

let fixture: ActivityFixture;
beforeEach(async () => {
  fixture = await activityFixture();
  await mkdir(path.join(fixture.dataRoot, 'data', 'nested'), { recursive: true });
  await writeFile(path.join(fixture.dataRoot, 'data', 'a.csv'), 'a\n');
  await writeFile(path.join(fixture.dataRoot, 'data', 'nested', 'b.csv'), 'b\n');
});
afterEach(() => fixture.dispose());

const inputsOf = (job: string) => path.join(fixture.workRoot, job, 'inputs');
const mode = async (file: string) => (await stat(file)).mode & 0o777;

async function preparedCommand(name: string, inputs: Record<string, unknown>, outputs: Record<string, unknown> = {}): Promise<string> {
  await fixture.addJob({ name, command: `ls ${Object.keys(inputs).map((input) => `\${{inputs.${input}}}`).join(' ')}`, inputs, outputs });
  const result = await prepare(fixture.deps, { job: name });
  if (!result.ok) throw new Error(result.error.message);
  return result.run.command;
}

describe('ro_mount inputs', () => {
  it('hand the command a sealed copy — files 0444, folders 0555 — and never the data itself', async () => {
    const command = await preparedCommand('job-ro', { data: { type: 'uri_folder', path: 'data' }, file: { type: 'uri_file', path: 'data/a.csv' } });
    const copy = path.join(inputsOf('job-ro'), 'data');
    expect(command).toBe(`ls '${copy}' '${path.join(inputsOf('job-ro'), 'file', 'a.csv')}'`);
    expect(await readFile(path.join(copy, 'nested', 'b.csv'), 'utf8')).toBe('b\n');
    expect([await mode(copy), await mode(path.join(copy, 'nested')), await mode(path.join(copy, 'a.csv'))]).toEqual([0o555, 0o555, 0o444]);
    expect(await mode(path.join(fixture.dataRoot, 'data', 'a.csv'))).not.toBe(0o444);
  });

  it('stop a command running as an ordinary user from writing (it may still read)', async () => {
    await preparedCommand('job-user', { data: { type: 'uri_folder', path: 'data' } });
    const copy = path.join(inputsOf('job-user'), 'data');
    // Let an ordinary user reach the copy (the scratch folder is private), so that only the copy's own modes stand in its way.
    const scratch = path.dirname(fixture.dataRoot);
    for (let dir = inputsOf('job-user'); dir.startsWith(scratch); dir = path.dirname(dir)) await chmod(dir, (await mode(dir)) | 0o005);
    const asUser = (script: string) => spawnSync('/bin/sh', ['-c', script], { cwd: copy, encoding: 'utf8', ...(process.getuid?.() === 0 && { uid: 65534, gid: 65534 }) });

    expect(asUser('cat a.csv').stdout).toBe('a\n');
    const write = asUser('echo x >> a.csv');
    expect(write.status).not.toBe(0);
    expect(write.stderr).toMatch(/Permission denied/);
    expect(asUser('touch new.txt').status).not.toBe(0);
    expect(await readFile(path.join(copy, 'a.csv'), 'utf8')).toBe('a\n');
  });

  it('fail the job, naming the input and what changed, when the command wrote to them anyway (root ignores modes), and upload no output', async () => {
    await preparedCommand('job-root', { data: { type: 'uri_folder', path: 'data' } }, { out: { type: 'uri_folder' } });
    const copy = path.join(inputsOf('job-root'), 'data');
    await appendFile(path.join(copy, 'a.csv'), 'written\n').catch(async () => {
      await chmod(path.join(copy, 'a.csv'), 0o644); // not root: this is what a careless root command does
      await appendFile(path.join(copy, 'a.csv'), 'written\n');
    });
    await chmod(copy, 0o755);
    await writeFile(path.join(copy, 'new.txt'), '');

    const result = await finalize(fixture.deps, { job: 'job-root', outputs: { out: path.join(fixture.workRoot, 'job-root', 'outputs', 'out') }, uploadOutputs: true });

    expect(result.error).toEqual({
      code: 'UserError',
      message: 'the command wrote to read-only (mode: ro_mount) input — inputs.data: changed (the input itself), changed a.csv, added new.txt. '
        + 'Inputs mounted read-only must not be written; declare mode: download to give the command a writable copy',
    });
    expect((await fixture.deps.jobs.get('job-root'))?.outputs).toEqual({});
    expect(await readFile(path.join(fixture.dataRoot, 'data', 'a.csv'), 'utf8')).toBe('a\n');
  });

  it('add the read-only problem to the error of a command that also failed', async () => {
    await preparedCommand('job-both', { data: { type: 'uri_folder', path: 'data' } });
    await chmod(path.join(inputsOf('job-both'), 'data', 'nested'), 0o755);
    const result = await finalize(fixture.deps, { job: 'job-both', outputs: {}, uploadOutputs: false, exitCode: 2 });
    expect(result.error?.message).toBe(
      'exit code 2; user_logs/std_log.txt is empty\nthe command wrote to read-only (mode: ro_mount) input — inputs.data: changed nested. '
      + 'Inputs mounted read-only must not be written; declare mode: download to give the command a writable copy',
    );
  });

  it('pass a job whose command only read them, and leave folders a non-root host can remove', async () => {
    await preparedCommand('job-reader', { data: { type: 'uri_folder', path: 'data' } }, { out: { type: 'uri_folder' } });
    const outDir = path.join(fixture.workRoot, 'job-reader', 'outputs', 'out');
    await writeFile(path.join(outDir, 'count.txt'), '2');
    await readFile(path.join(inputsOf('job-reader'), 'data', 'a.csv'));

    expect(await finalize(fixture.deps, { job: 'job-reader', outputs: { out: outDir }, uploadOutputs: true })).toEqual({});
    expect(Object.keys((await fixture.deps.jobs.get('job-reader'))?.outputs ?? {})).toEqual(['out']);
    await cleanUp(fixture.deps, { job: 'job-reader' });
    expect(existsSync(path.join(fixture.workRoot, 'job-reader'))).toBe(false);
  });

  it('seal blob and datastore inputs once downloaded', async () => {
    fixture.deps.artifacts.putBlob('workspaceblobstore', 'texts/a.txt', Buffer.from('hello'));
    await preparedCommand('job-blob', { texts: { type: 'uri_folder', path: 'azureml://datastores/workspaceblobstore/paths/texts/' } });
    expect(await mode(path.join(inputsOf('job-blob'), 'texts', 'a.txt'))).toBe(0o444);
  });

  it('leave out links that lead outside the input folder, and copy the files of links that stay inside', async () => {
    await writeFile(path.join(fixture.dataRoot, 'secret.txt'), 'outside');
    await symlink(path.join(fixture.dataRoot, 'secret.txt'), path.join(fixture.dataRoot, 'data', 'escape.txt'));
    await symlink('a.csv', path.join(fixture.dataRoot, 'data', 'alias.csv'));
    await preparedCommand('job-links', { data: { type: 'uri_folder', path: 'data' } });
    const copy = path.join(inputsOf('job-links'), 'data');
    expect(existsSync(path.join(copy, 'escape.txt'))).toBe(false);
    expect(await readFile(path.join(copy, 'alias.csv'), 'utf8')).toBe('a\n');
  });
});

describe('download and direct inputs', () => {
  it('give download inputs a writable copy, whose changes are the command\'s business', async () => {
    const command = await preparedCommand('job-dl', { data: { type: 'uri_folder', path: 'data', mode: 'download' } });
    const copy = path.join(inputsOf('job-dl'), 'data');
    expect(command).toBe(`ls '${copy}'`);
    await appendFile(path.join(copy, 'a.csv'), 'more\n');
    expect(await finalize(fixture.deps, { job: 'job-dl', outputs: {}, uploadOutputs: true })).toEqual({});
    expect(await readFile(path.join(fixture.dataRoot, 'data', 'a.csv'), 'utf8')).toBe('a\n');
  });

  it('give direct inputs their location as written: the local path, or the URI without downloading it', async () => {
    const uri = 'azureml://datastores/workspaceblobstore/paths/not/downloaded.csv';
    const command = await preparedCommand('job-direct', {
      local: { type: 'uri_folder', path: 'data', mode: 'direct' },
      remote: { type: 'uri_file', path: uri, mode: 'direct' },
    });
    expect(command).toBe(`ls '${path.join(fixture.dataRoot, 'data')}' '${uri}'`);
    expect(existsSync(path.join(inputsOf('job-direct'), 'remote'))).toBe(false);
  });
});
