import { createReadStream, type ReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { NonRetryableError } from '../../model/errors';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const CHUNK_BYTES = 1024 * 1024;

/** 3 when the file starts with a UTF-8 byte order mark, else 0. */
export async function bomLength(local: string): Promise<number> {
  const head = await readRange(local, 0, UTF8_BOM.length, { exact: false });
  return head.equals(UTF8_BOM) ? UTF8_BOM.length : 0;
}

/** The file from byte `start` on, in chunks of 1 MiB. */
export function streamFrom(local: string, start: number): ReadStream {
  return createReadStream(local, { start, highWaterMark: CHUNK_BYTES });
}

/**
 * Bytes [start, end) of a file, read at that offset (nothing else of the file is read). With
 * `exact` (the default) a file now shorter than `end` is a NonRetryableError: it changed since
 * it was partitioned.
 */
export async function readRange(local: string, start: number, end: number, { exact = true } = {}): Promise<Buffer> {
  const handle = await open(local, 'r');
  try {
    const buffer = Buffer.alloc(end - start);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, start + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled < buffer.length && exact) {
      throw new NonRetryableError(`${local} ends at byte ${start + filled}, before the end of the mini-batch range [${start}, ${end}); the file changed after the input was partitioned`);
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}
