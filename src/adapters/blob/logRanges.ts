import { ConflictError, ValidationError } from '../../model/errors';
import type { ByteRange } from '../../ports';

/**
 * Which bytes of a log a read returns. A range reaching past the end is cut at the end, and one
 * starting at or past the end is empty (so a reader following a growing log can ask for
 * "from where I stopped" at any time); `tail: n` is the last n bytes.
 */

export type LogRange = ByteRange | { tail: number };

/** Refuses a malformed range before any I/O: negative, fractional or reversed bounds. */
export function checkLogRange(range: LogRange | undefined): void {
  if (range === undefined) return;
  if ('tail' in range) return checkCount('range.tail', range.tail, 0);
  checkCount('range.start', range.start, 0);
  if (range.end !== undefined) checkCount('range.end', range.end, range.start);
}

/** Half-open bounds [start, end) of `range` within a log of `size` bytes. */
export function logBounds(size: number, range: LogRange | undefined): { start: number; end: number } {
  checkLogRange(range);
  if (range === undefined) return { start: 0, end: size };
  if ('tail' in range) return { start: Math.max(0, size - range.tail), end: size };
  const start = Math.min(range.start, size);
  return { start, end: range.end === undefined ? size : Math.max(start, Math.min(range.end + 1, size)) };
}

function checkCount(field: string, value: number, min: number): void {
  if (Number.isSafeInteger(value) && value >= min) return;
  const expected = min === 0 ? 'an integer ≥ 0' : `an integer ≥ ${min} (the start; end is inclusive)`;
  throw new ValidationError([{ path: field, message: `expected ${expected}, got ${String(value)}` }], { summary: 'invalid log range' });
}

/**
 * For an append conditioned on `offset` (the log's length the writer expects): how many leading
 * bytes of the chunk the log already holds — 0 normally, more when an earlier attempt of the same
 * append got through. A log shorter than `offset`, or longer than the chunk would make it, was
 * written by someone else: ConflictError.
 */
export function bytesAlreadyThere(logSize: number, offset: number, chunkLength: number, what: string): number {
  const have = logSize - offset;
  if (have >= 0 && have <= chunkLength) return have;
  throw new ConflictError(
    `${what} is ${logSize} bytes long; a chunk of ${chunkLength} bytes for offset ${offset} fits only a log of ${offset} to ${offset + chunkLength} bytes ` +
      '(another writer appended to it, or the offset is wrong)',
  );
}

/** Refuses an offset that is not a byte position. */
export function checkOffset(offset: number | undefined): void {
  if (offset !== undefined) checkCount('offset', offset, 0);
}
