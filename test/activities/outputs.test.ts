import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { finalize } from '../../src/activities/finalize';
import { prepare } from '../../src/activities/prepare';
import type { FinalizeResult } from '../../src/activities/contracts';
import { activityFixture, type ActivityFixture } from './fixtures';

let fixture: ActivityFixture;
beforeEach(async () => {
  fixture = await activityFixture();
  fixture.deps.artifacts.putBlob('results', '.keep', Buffer.alloc(0));
});
afterEach(() => fixture.dispose());

/** Prepares a job with `outputs`, lets `command` write its files, and finalizes it as a successful run. */
async function runWithOutputs(name: string, outputs: Record<string, unknown>, write: (dirs: Record<string, string>) => Promise<void>): Promise<FinalizeResult> {
  await fixture.addJob({ name, outputs });
  const prepared = await prepare(fixture.deps, { job: name });
  if (!prepared.ok) throw new Error(prepared.error.message);
  await write(prepared.run.outputs);
  return finalize(fixture.deps, { job: name, outputs: prepared.run.outputs, uploadOutputs: true });
}

const text = async (stream: NodeJS.ReadableStream | undefined) => {
  const parts: Buffer[] = [];
  for await (const part of stream ?? []) parts.push(Buffer.from(part as Buffer));
  return Buffer.concat(parts).toString('utf8');
};

describe('outputs with a path', () => {
  it('go to an azureml:// datastore path, which the record names and the outputs listing reads', async () => {
    const destination = 'azureml://datastores/results/paths/models/run-1/';
    const result = await runWithOutputs('job-ds', { model: { type: 'uri_folder', path: destination }, plain: {} }, async (dirs) => {
      await writeFile(path.join(dirs['model']!, 'weights.bin'), 'w');
      await writeFile(path.join(dirs['plain']!, 'notes.txt'), 'n');
    });
    expect(result).toEqual({});
    expect((await fixture.deps.jobs.get('job-ds'))?.outputs).toEqual({
      model: destination,
      plain: 'https://memory.invalid/job-artifacts/job-ds/outputs/plain/',
    });
    expect(await fixture.deps.artifacts.listOutput('job-ds', 'model')).toEqual([{ path: 'weights.bin', size: 1 }]);
    expect(await text(await fixture.deps.artifacts.readOutputFile('job-ds', 'model', 'weights.bin'))).toBe('w');
  });

  it('put a uri_file output at the file its path names', async () => {
    const destination = 'azureml://datastores/results/paths/metrics/accuracy.json';
    await runWithOutputs('job-file', { acc: { type: 'uri_file', path: destination } }, async (dirs) => {
      await writeFile(path.join(dirs['acc']!, 'accuracy.json'), '0.9');
    });
    expect((await fixture.deps.jobs.get('job-file'))?.outputs).toEqual({ acc: destination });
    expect(await fixture.deps.artifacts.listOutput('job-file', 'acc')).toEqual([{ path: 'accuracy.json', size: 3 }]);
  });

  it('are copied to a local path inside the data root (made if missing) and still served by the outputs API', async () => {
    await runWithOutputs('job-local', { report: { type: 'uri_folder', path: './reports/latest' } }, async (dirs) => {
      await mkdir(path.join(dirs['report']!, 'deep'), { recursive: true });
      await writeFile(path.join(dirs['report']!, 'deep', 'report.md'), '# ok');
    });
    const target = path.join(fixture.dataRoot, 'reports', 'latest');
    expect((await fixture.deps.jobs.get('job-local'))?.outputs).toEqual({ report: `${target}/` });
    expect(await readFile(path.join(target, 'deep', 'report.md'), 'utf8')).toBe('# ok');
    expect(await fixture.deps.artifacts.listOutput('job-local', 'report')).toEqual([{ path: 'deep/report.md', size: 4 }]);
  });

  it('fail the job with a UserError naming the output when the local path leaves the data root, by .. or through a link', async () => {
    await symlink('/tmp', path.join(fixture.dataRoot, 'tmp-link'));
    const write = async (dirs: Record<string, string>) => writeFile(path.join(dirs['out']!, 'x.txt'), 'x');
    const climbing = await runWithOutputs('job-up', { out: { type: 'uri_folder', path: '../../escaped' } }, write);
    expect(climbing.error?.code).toBe('UserError');
    expect(climbing.error?.message).toMatch(/^the outputs could not be stored: outputs\.out\.path {2}"\.\.\/\.\.\/escaped" resolves to .*, outside the data root/);
    const linked = await runWithOutputs('job-link', { out: { type: 'uri_folder', path: 'tmp-link/escaped' } }, write);
    expect(linked.error?.message).toMatch(/outputs\.out\.path {2}"tmp-link\/escaped" resolves to \/tmp\/escaped, outside the data root/);
    expect((await fixture.deps.jobs.get('job-link'))?.outputs).toEqual({});
  });

  it('do not write through a link that a local destination already holds', async () => {
    await mkdir(path.join(fixture.dataRoot, 'reports'), { recursive: true });
    await writeFile(path.join(fixture.dataRoot, 'victim.txt'), 'keep me');
    await symlink(path.join(fixture.dataRoot, 'victim.txt'), path.join(fixture.dataRoot, 'reports', 'x.txt'));
    const result = await runWithOutputs('job-trap', { out: { type: 'uri_folder', path: 'reports' } }, async (dirs) => writeFile(path.join(dirs['out']!, 'x.txt'), 'overwritten'));
    expect(result.error?.message).toContain('is a symbolic link; an output is not written through links');
    expect(await readFile(path.join(fixture.dataRoot, 'victim.txt'), 'utf8')).toBe('keep me');
  });

  it('fail the job with a UserError for a container that does not exist or a data asset', async () => {
    const missing = await runWithOutputs('job-nocontainer', { out: { path: 'azureml://datastores/nowhere/paths/x/' } }, async () => undefined);
    expect(missing.error?.message).toBe('the outputs could not be stored: outputs.out.path  output out: azureml://datastores/nowhere/paths/x/ is in container "nowhere", which does not exist; create it (or map the datastore to an existing container)');
    const asset = await runWithOutputs('job-asset', { out: { path: 'azureml:my-model:1' } }, async () => undefined);
    expect(asset.error?.message).toContain('outputs.out.path  "azureml:my-model:1" is a data asset, which this app cannot write');
  });
});
