import type { AppendBlobClient } from '@azure/storage-blob';
import { blobErrorCode, blobFailure, blobStatus } from './blobErrors';
import { bytesAlreadyThere } from './logRanges';

/** The most one Append Block call may carry. */
export const MAX_APPEND_BLOCK = 4 * 1024 * 1024;

/**
 * Appends `chunk` to an append blob, creating the blob on first write (`If-None-Match: *`, so two
 * first writers cannot wipe each other) and splitting chunks over 4 MiB into several blocks. With
 * `offset`, every block is conditioned on its append position; when the condition fails, the
 * blob's length tells whether an earlier attempt already wrote (part of) this chunk, and only the
 * rest is appended (see bytesAlreadyThere).
 */
export async function appendToBlob(log: AppendBlobClient, chunk: Buffer, offset: number | undefined): Promise<void> {
  const where = `log ${log.containerName}/${log.name}`;
  if (chunk.length === 0) return createIfMissing(log, where);
  let done = 0;
  while (done < chunk.length) {
    const block = chunk.subarray(done, done + MAX_APPEND_BLOCK);
    const position = offset === undefined ? undefined : offset + done;
    try {
      await log.appendBlock(block, block.length, position === undefined ? {} : { conditions: { appendPosition: position } });
      done += block.length;
    } catch (error) {
      if (blobErrorCode(error) === 'BlobNotFound') await createIfMissing(log, where);
      else if (offset !== undefined && blobErrorCode(error) === 'AppendPositionConditionNotMet') done = bytesAlreadyThere(await blobSize(log, where), offset, chunk.length, where);
      else throw blobFailure('appending to', where, error);
    }
  }
}

async function createIfMissing(log: AppendBlobClient, where: string): Promise<void> {
  try {
    await log.create({ conditions: { ifNoneMatch: '*' } });
  } catch (error) {
    if (blobStatus(error) !== 409) throw blobFailure('creating', where, error);
  }
}

async function blobSize(log: AppendBlobClient, where: string): Promise<number> {
  try {
    return (await log.getProperties()).contentLength ?? 0;
  } catch (error) {
    throw blobFailure('reading the length of', where, error);
  }
}
