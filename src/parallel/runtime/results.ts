import { readdir, readFile } from 'node:fs/promises';
import { z } from 'zod';
import { MiniBatchStatus } from '../contracts';
import { writeFileAtomic } from './atomicFile';
import { resultFileOf, type ParallelFolder } from './jobFolder';

/**
 * One mini-batch's outcome, kept as `<job>/parallel/results/<id>.json`. A run of the mini-batch
 * (again, after a retry, a host crash or a redrive) replaces the file whole, so each mini-batch
 * contributes its rows exactly once, whatever happened before.
 */
export const MiniBatchRecord = z.strictObject({
  id: z.int().min(0),
  status: MiniBatchStatus,
  items: z.int().min(0),
  succeeded: z.int().min(0),
  failed: z.int().min(0),
  attempts: z.int().min(0),
  elapsedMs: z.number().min(0),
  error: z.string().optional(),
  /** append_row: the lines this mini-batch adds to the output, in order. */
  rows: z.array(z.string()).optional(),
});
export type MiniBatchRecord = z.infer<typeof MiniBatchRecord>;

export async function writeResult(folder: ParallelFolder, record: MiniBatchRecord): Promise<void> {
  await writeFileAtomic(resultFileOf(folder, record.id), JSON.stringify(record));
}

export async function readResult(folder: ParallelFolder, id: number): Promise<MiniBatchRecord | undefined> {
  const text = await readFile(resultFileOf(folder, id), 'utf8').catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? undefined : Promise.reject(err)));
  return text === undefined ? undefined : MiniBatchRecord.parse(JSON.parse(text));
}

/** The ids that have a result file. */
export async function resultIds(folder: ParallelFolder): Promise<number[]> {
  const names = await readdir(folder.results).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? [] : Promise.reject(err)));
  return names.filter((name) => /^[0-9]+\.json$/.test(name)).map((name) => Number(name.slice(0, -5)));
}

/**
 * The line a value returned by run() becomes in the append_row file: strings as they are, lists
 * of values joined by spaces (a DataFrame row), other values as JSON. Line breaks inside a value are
 * kept out of the file's line structure by escaping them.
 */
export function rowLine(value: unknown): string {
  const text = typeof value === 'string' ? value
    : Array.isArray(value) ? value.map((cell) => (typeof cell === 'string' ? cell : JSON.stringify(cell))).join(' ')
      : JSON.stringify(value) ?? String(value);
  return text.replace(/\r?\n/g, '\\n');
}
