import path from 'node:path';
import { expect } from 'vitest';
import { itemsInBatch, type MiniBatchManifest, miniBatchCount, partitionInput, readMiniBatch } from '../../../src/parallel/partition';
import { tempTree } from './tempTree';

/** Every batch of `manifest`, read back against `root`, each checked against its item count. */
export async function readAllBatches(manifest: MiniBatchManifest, root: string): Promise<unknown[][]> {
  const batches = [];
  for (let index = 0; index < miniBatchCount(manifest); index += 1) {
    const items = await readMiniBatch(manifest, root, index);
    expect(items.length, `batch ${index}`).toBe(itemsInBatch(manifest, index));
    batches.push(items);
  }
  return batches;
}

/** Writes `content` as `name` in a temp folder, partitions it as a uri_file by size and reads every batch. */
export async function splitFile(name: string, content: string | Buffer, bytes: number) {
  const root = await tempTree({ [name]: content });
  const file = path.join(root, name);
  const manifest = await partitionInput({ path: file, type: 'uri_file' }, { kind: 'bytes', bytes });
  return { manifest, batches: await readAllBatches(manifest, file), file };
}
