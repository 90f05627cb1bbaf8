import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../../../src/model/errors';
import type { Fixtures } from '../artifactStoreConformance';

async function readAll(stream: NodeJS.ReadableStream | undefined): Promise<string | undefined> {
  if (stream === undefined) return undefined;
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Buffer));
  return Buffer.concat(parts).toString('utf8');
}

export function describeOutputDestinations({ open, tempDir }: Fixtures): void {
  describe('outputs with a destination of their own', () => {
    async function outputFolder(): Promise<string> {
      const dir = await tempDir();
      await mkdir(join(dir, 'nested'), { recursive: true });
      await writeFile(join(dir, 'model.bin'), 'weights');
      await writeFile(join(dir, 'nested', 'metrics.json'), '{"acc":1}');
      return dir;
    }

    it('uploads to an azureml:// datastore path instead of the job\'s folder, keeping what was there, and lists and serves the job\'s files from there', async () => {
      const { store, putBlob } = await open();
      await putBlob('results', 'runs/1/model.bin', Buffer.from('old weights'));
      await putBlob('results', 'runs/1/other-job.txt', Buffer.from('not ours'));
      const destination = 'azureml://datastores/results/paths/runs/1/';

      expect(await store.uploadOutput('dest_job', 'model', await outputFolder(), destination)).toBe(destination);

      expect(await store.listOutput('dest_job', 'model')).toEqual([{ path: 'model.bin', size: 7 }, { path: 'nested/metrics.json', size: 9 }]);
      expect(await readAll(await store.readOutputFile('dest_job', 'model', 'nested/metrics.json'))).toBe('{"acc":1}');
      expect(await store.readOutputFile('dest_job', 'model', 'other-job.txt')).toBeUndefined();
      const there = join(await tempDir(), 'check');
      await store.downloadInput(destination, there);
      expect(await readFile(join(there, 'model.bin'), 'utf8')).toBe('weights');
      expect(await readFile(join(there, 'other-job.txt'), 'utf8')).toBe('not ours');
    });

    it('uploads to a blob URL of the account, given without a trailing slash', async () => {
      const { store, putBlob } = await open();
      const marker = await putBlob('exports', 'keep.txt', Buffer.from('x'));
      const destination = marker.replace(/keep\.txt$/, 'models/v2');

      expect(await store.uploadOutput('url_job', 'model', await outputFolder(), destination)).toBe(destination);
      expect((await store.listOutput('url_job', 'model')).map((file) => file.path)).toEqual(['model.bin', 'nested/metrics.json']);
      expect(await readAll(await store.readOutputFile('url_job', 'model', 'model.bin'))).toBe('weights');
    });

    it('refuses the artifact container itself, other accounts and climbing paths (ValidationError), and a container that does not exist (NotFoundError)', async () => {
      const { store } = await open();
      const dir = await outputFolder();
      const ownContainer = (await store.uploadOutput('probe_job', 'model', dir)).split('/').at(-5);
      await expect(store.uploadOutput('bad_job', 'model', dir, `azureml://datastores/${ownContainer}/paths/other_job/`)).rejects.toThrow(/in container "[a-z0-9-]+", the app's own artifact container/);
      await expect(store.uploadOutput('bad_job', 'model', dir, 'https://elsewhere.example/c/x/')).rejects.toThrow(ValidationError);
      await expect(store.uploadOutput('bad_job', 'model', dir, 'azureml://datastores/results/paths/a/../../b/')).rejects.toThrow(ValidationError);
      await expect(store.uploadOutput('bad_job', 'model', dir, 'azureml://datastores/no-such-container/paths/x/')).rejects.toThrow(NotFoundError);
      expect(await store.listOutput('bad_job', 'model')).toEqual([]);
    });
  });
}
