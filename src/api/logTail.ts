import type { ArtifactStore } from '../ports';

/**
 * The last lines of a log, for `?tail=N`. A log's last line may or may not end with a newline;
 * either way it counts as a line. Reads the end of the log in growing chunks until it holds enough
 * lines, the whole log, or MAX_TAIL_BYTES (then the answer starts inside a line).
 */

export const MAX_TAIL_LINES = 100_000;
export const MAX_TAIL_BYTES = 16 * 1024 * 1024;

const NEWLINE = 0x0a;

/** Where the last `lines` lines of `data` start, or undefined when `data` holds fewer complete ones (its start may be mid-log). */
export function lastLinesStart(data: Uint8Array, lines: number): number | undefined {
  if (lines === 0) return data.length;
  let end = data.length;
  if (end > 0 && data[end - 1] === NEWLINE) end--; // the final line's own terminator
  let found = 0;
  for (let i = end - 1; i >= 0; i--) {
    if (data[i] === NEWLINE && ++found === lines) return i + 1;
  }
  return undefined;
}

export interface LogTail {
  readonly data: Buffer;
  /** Byte offset of `data` in the log. */
  readonly start: number;
  /** The log's size when it was read (`data` ends there). */
  readonly size: number;
}

export async function readLogTail(artifacts: ArtifactStore, job: string, logName: string, lines: number): Promise<LogTail | undefined> {
  for (let bytes = Math.min(MAX_TAIL_BYTES, Math.max(8192, lines * 160)); ; bytes = Math.min(MAX_TAIL_BYTES, bytes * 4)) {
    const read = await artifacts.readLog(job, logName, { tail: bytes });
    if (read === undefined) return undefined;
    const offset = read.size - read.data.length;
    const cut = lastLinesStart(read.data, lines);
    if (cut !== undefined) return { data: read.data.subarray(cut), start: offset + cut, size: read.size };
    if (offset === 0 || bytes >= MAX_TAIL_BYTES) return { data: read.data, start: offset, size: read.size };
  }
}
