import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { BlobArtifactStore } from '../../src/adapters/blob/artifactStore';
import { blobServiceClient } from '../../src/adapters/storage/connection';
import { describeArtifactStoreConformance } from './artifactStoreConformance';

const service = blobServiceClient(inject('storageConnectionString'));

describeArtifactStoreConformance('Blob Storage (Azurite)', async (options) => {
  const container = `test-${randomUUID()}`;
  const datastores = new Set<string>();
  const make = () => new BlobArtifactStore({ service, container, ...options });
  return {
    store: make(),
    twin: make,
    putBlob: async (name, path, data) => {
      const client = service.getContainerClient(name);
      if (!datastores.has(name)) await client.createIfNotExists();
      datastores.add(name);
      const blob = client.getBlockBlobClient(path);
      await blob.uploadData(data);
      return blob.url;
    },
    dispose: async () => {
      await Promise.all([container, ...datastores].map((name) => service.getContainerClient(name).deleteIfExists()));
    },
  };
});

describe('BlobArtifactStore on Azurite', () => {
  it('writes a 9 MiB chunk as three append blocks (Azure refuses blocks over 4 MiB; Azurite does not, so count them)', async () => {
    const container = `test-${randomUUID()}`;
    const store = new BlobArtifactStore({ service, container });
    await store.init();
    try {
      const url = await store.appendLog('big_job', 'std_log.txt', Buffer.alloc(9 * 1024 * 1024, 'x'));
      const properties = await service.getContainerClient(container).getAppendBlobClient('big_job/logs/std_log.txt').getProperties();

      expect(url).toBe(`${service.url.replace(/\/$/, '')}/${container}/big_job/logs/std_log.txt`);
      expect(properties.blobType).toBe('AppendBlob');
      expect(properties.blobCommittedBlockCount).toBe(3);
    } finally {
      await service.getContainerClient(container).deleteIfExists();
    }
  });

  it('names the container and the fix when init() was not called', async () => {
    const store = new BlobArtifactStore({ service, container: `test-${randomUUID()}` });
    await expect(store.appendLog('job', 'std_log.txt', Buffer.from('x'))).rejects.toThrow(/failed with 404 ContainerNotFound.*ArtifactStore\.init\(\) creates the artifact container/);
  });
});
