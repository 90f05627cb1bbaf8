import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { ContainerClient } from '@azure/storage-blob';
import { blobServiceClient } from '../../src/adapters/storage/connection';
import { testName } from './helpers';

describe('blobs on the test Azurite', () => {
  const service = blobServiceClient(inject('storageConnectionString'));
  let container: ContainerClient | undefined;

  afterEach(async () => {
    await container?.deleteIfExists();
  });

  async function newContainer(): Promise<ContainerClient> {
    container = service.getContainerClient(testName());
    await container.create();
    return container;
  }

  it('uploads a block blob and downloads the same bytes', async () => {
    const c = await newContainer();
    const data = randomBytes(256 * 1024);
    await c.getBlockBlobClient('outputs/model.bin').uploadData(data);

    expect((await c.getBlockBlobClient('outputs/model.bin').downloadToBuffer()).equals(data)).toBe(true);
    const names: string[] = [];
    for await (const blob of c.listBlobsFlat({ prefix: 'outputs/' })) names.push(blob.name);
    expect(names).toEqual(['outputs/model.bin']);
  });

  it('appends blocks to an append blob in order', async () => {
    const c = await newContainer();
    const log = c.getAppendBlobClient('logs/std_log.txt');
    await log.create();
    for (const line of ['one\n', 'two\n', 'three\n']) await log.appendBlock(line, Buffer.byteLength(line));

    expect((await log.downloadToBuffer()).toString()).toBe('one\ntwo\nthree\n');
  });

  it('rejects a write conditioned on a stale etag with 412', async () => {
    const c = await newContainer();
    const blob = c.getBlockBlobClient('status.json');
    const { etag: first } = await blob.upload('{"v":1}', 7);
    await blob.upload('{"v":2}', 7, { conditions: { ifMatch: first! } });

    await expect(blob.upload('{"v":3}', 7, { conditions: { ifMatch: first! } })).rejects.toMatchObject({ statusCode: 412 });
    expect((await blob.downloadToBuffer()).toString()).toBe('{"v":2}');
  });

  it('refuses to create a blob that already exists when asked for If-None-Match: * (409)', async () => {
    const c = await newContainer();
    const blob = c.getBlockBlobClient('lease.txt');
    await blob.upload('mine', 4, { conditions: { ifNoneMatch: '*' } });

    await expect(blob.upload('yours', 5, { conditions: { ifNoneMatch: '*' } })).rejects.toMatchObject({ statusCode: 409 });
  });
});
