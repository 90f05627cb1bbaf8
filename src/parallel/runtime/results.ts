import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { MiniBatchStatus } from '../contracts';
import type { ParallelFolder } from './jobFolder';

/**
 * Mini-batch outcomes, kept in the job's folder as JSON lines: each host process appends to a log
 * of its own (`results/<pid>-<random>.jsonl`, one write per outcome, no rename, no fsync — the
 * durable history re-runs a mini-batch whose outcome a crash lost). Reading takes the latest
 * outcome of each mini-batch across the logs, so a mini-batch run again (a retry, a host crash, a
 * redrive) replaces what it had: each mini-batch contributes its rows exactly once. A line torn by
 * a crash is ignored.
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
  /** When it was recorded (epoch ms): the latest record of a mini-batch wins. */
  at: z.number().optional(),
});
export type MiniBatchRecord = z.infer<typeof MiniBatchRecord>;

/** This process's log of outcomes for one job. */
export class ResultLog {
  private file: Promise<FileHandle> | undefined;
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly folder: ParallelFolder) {}

  append(record: MiniBatchRecord): Promise<void> {
    const line = `${JSON.stringify({ ...record, at: Date.now() })}\n`;
    const write = this.tail.then(async () => {
      await (await this.handle()).write(line);
    });
    this.tail = write.catch(() => undefined);
    return write;
  }

  async close(): Promise<void> {
    await this.tail;
    const file = this.file;
    this.file = undefined;
    await (await file?.catch(() => undefined))?.close();
  }

  private handle(): Promise<FileHandle> {
    this.file ??= (async () => {
      await mkdir(this.folder.results, { recursive: true });
      return open(path.join(this.folder.results, `${process.pid}-${randomBytes(4).toString('hex')}.jsonl`), 'a');
    })();
    return this.file;
  }
}

/** The latest record of each mini-batch, from every process's log. */
export async function readResults(folder: ParallelFolder): Promise<Map<number, MiniBatchRecord>> {
  const names = await readdir(folder.results).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? [] : Promise.reject(err)));
  const latest = new Map<number, MiniBatchRecord>();
  for (const name of names.filter((file) => file.endsWith('.jsonl')).sort()) {
    const text = await readFile(path.join(folder.results, name), 'utf8');
    for (const line of text.split('\n')) {
      const record = parseLine(line);
      if (record === undefined) continue;
      const current = latest.get(record.id);
      if (current === undefined || (record.at ?? 0) >= (current.at ?? 0)) latest.set(record.id, record);
    }
  }
  return latest;
}

function parseLine(line: string): MiniBatchRecord | undefined {
  if (line.trim() === '') return undefined;
  try {
    const parsed = MiniBatchRecord.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined; // torn by a crash mid-write
  }
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
