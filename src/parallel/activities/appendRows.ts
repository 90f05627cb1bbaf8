import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import type { MiniBatchRecord } from '../runtime/results';

/**
 * append_row: the rows of every succeeded mini-batch, in mini-batch order, into one file. Written
 * whole from the per-mini-batch results each time, so retries, host crashes and redrives can never
 * leave a mini-batch's rows in it twice or not at all.
 */
export async function writeAppendRowFile(file: string, records: ReadonlyArray<MiniBatchRecord | undefined>): Promise<number> {
  await mkdir(path.dirname(file), { recursive: true });
  const out = createWriteStream(file);
  let rows = 0;
  for (const record of records) {
    if (record?.status !== 'succeeded' || record.rows === undefined || record.rows.length === 0) continue;
    rows += record.rows.length;
    if (!out.write(`${record.rows.join('\n')}\n`)) await new Promise<void>((resolve) => out.once('drain', resolve));
  }
  out.end();
  await finished(out);
  return rows;
}
