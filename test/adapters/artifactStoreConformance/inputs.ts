import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../../../src/model/errors';
import type { ArtifactStoreHarness, Fixtures } from '../artifactStoreConformance';

/** A datastore container holding a file and a folder; returns its name and the file's URL. */
async function seedDatastore(harness: ArtifactStoreHarness, container = `test-${randomUUID()}`): Promise<{ container: string; fileUrl: string }> {
  const fileUrl = await harness.putBlob(container, 'data/iris.csv', Buffer.from('a,b\n1,2\n'));
  await harness.putBlob(container, 'data/images/1.png', Buffer.from([0x89, 0x50, 0x00, 0xff]));
  await harness.putBlob(container, 'data/images/more/2.png', Buffer.from([0x00]));
  await harness.putBlob(container, 'data/images-other.txt', Buffer.from('not in the folder'));
  return { container, fileUrl };
}

async function listed(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
}

export function describeInputs({ open, tempDir }: Fixtures): void {
  describe('downloadInput', () => {
    it('downloads a single blob given by its URL to destDir/<file name>', async () => {
      const harness = await open();
      const { fileUrl } = await seedDatastore(harness);
      const dest = await tempDir();

      const path = await harness.store.downloadInput(fileUrl, join(dest, 'in'));

      expect(path).toBe(join(dest, 'in', 'iris.csv'));
      expect(await readFile(path, 'utf8')).toBe('a,b\n1,2\n');
    });

    it('downloads a folder given by URL, with or without a trailing slash, keeping relative paths', async () => {
      const harness = await open();
      const { fileUrl } = await seedDatastore(harness);
      const folderUrl = fileUrl.replace(/iris\.csv$/, 'images');
      for (const uri of [folderUrl, `${folderUrl}/`]) {
        const dest = await tempDir();
        expect(await harness.store.downloadInput(uri, dest)).toBe(dest);
        expect(await listed(dest)).toEqual(['1.png', 'more/2.png']);
        expect([...(await readFile(join(dest, '1.png')))]).toEqual([0x89, 0x50, 0x00, 0xff]);
      }
    });

    it('reads azureml://datastores/<name>/paths/<path> from the container named like the datastore, short and long form', async () => {
      const harness = await open();
      const { container } = await seedDatastore(harness);
      const dest = await tempDir();

      const file = await harness.store.downloadInput(`azureml://datastores/${container}/paths/data/iris.csv`, join(dest, 'file'));
      const long = `azureml://subscriptions/sub/resourcegroups/rg/workspaces/ws/datastores/${container}/paths/data/images/`;
      await harness.store.downloadInput(long, join(dest, 'folder'));

      expect(await readFile(file, 'utf8')).toBe('a,b\n1,2\n');
      expect(await listed(join(dest, 'folder'))).toEqual(['1.png', 'more/2.png']);
    });

    it('maps a datastore to a container through the datastores option', async () => {
      const container = `test-${randomUUID()}`;
      const harness = await open({ datastores: { workspaceblobstore: container } });
      await seedDatastore(harness, container);
      const dest = await tempDir();

      const file = await harness.store.downloadInput('azureml://datastores/workspaceblobstore/paths/data/iris.csv', dest);
      expect(await readFile(file, 'utf8')).toBe('a,b\n1,2\n');
      await expect(harness.store.downloadInput('azureml://datastores/my_store/paths/x.csv', dest)).rejects.toThrow(/datastore "my_store" maps to container "my_store", which is not a valid container name/);
    });

    it('answers NotFoundError when there is neither a blob nor a folder', async () => {
      const harness = await open();
      const { container, fileUrl } = await seedDatastore(harness);
      const dest = await tempDir();

      await expect(harness.store.downloadInput(fileUrl.replace('iris.csv', 'nope.csv'), dest)).rejects.toBeInstanceOf(NotFoundError);
      await expect(harness.store.downloadInput(`azureml://datastores/${container}/paths/data/iris.csv/`, dest)).rejects.toThrow(/no blobs under "data\/iris\.csv\/"/);
      await expect(harness.store.downloadInput(`azureml://datastores/test-${randomUUID()}/paths/x`, dest)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('refuses other accounts, other schemes and paths that climb out with a ValidationError naming the URI', async () => {
      const harness = await open();
      const { container, fileUrl } = await seedDatastore(harness);
      const dest = await tempDir();
      const base = fileUrl.slice(0, fileUrl.indexOf(container));
      const refused = [
        'https://other.blob.core.windows.net/data/iris.csv',
        'ftp://example.com/data.csv',
        'not a uri',
        `${base}${container}/data/../../elsewhere/x`,
        `${base}${container}/data/%2e%2e/%2E%2E/x`,
        `azureml://datastores/${container}/paths/../x`,
        `azureml://datastores/${container}/paths//etc/passwd`,
      ];
      for (const uri of refused) {
        const attempt = harness.store.downloadInput(uri, dest);
        await expect(attempt).rejects.toBeInstanceOf(ValidationError);
        await expect(attempt).rejects.toThrow(JSON.stringify(uri));
      }
    });
  });
}
