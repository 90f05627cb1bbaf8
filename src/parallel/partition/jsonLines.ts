/**
 * JSON Lines: one JSON object per line; blank (whitespace-only) lines are not rows. A trailing CR
 * (CRLF files) is whitespace to JSON.parse.
 */
export type JsonLine =
  | { readonly kind: 'blank' }
  | { readonly kind: 'row'; readonly value: Record<string, unknown> }
  | { readonly kind: 'invalid'; readonly reason: string };

const LF = 0x0a;

export function parseJsonLine(text: string): JsonLine {
  if (text.trim() === '') return { kind: 'blank' };
  let value: unknown;
  try {
    value = JSON.parse(text.trimEnd());
  } catch (err) {
    return { kind: 'invalid', reason: `not valid JSON (${(err as Error).message})` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { kind: 'invalid', reason: `expected a JSON object per line, got ${Array.isArray(value) ? 'an array' : String(value === null ? 'null' : typeof value)}` };
  }
  return { kind: 'row', value: value as Record<string, unknown> };
}

/** The lines of a buffer as [start, end) offsets, each end just past its LF (the last may lack one). */
export function* lineRanges(buffer: Buffer): Generator<readonly [number, number]> {
  let start = 0;
  while (start < buffer.length) {
    const lf = buffer.indexOf(LF, start);
    const end = lf === -1 ? buffer.length : lf + 1;
    yield [start, end];
    start = end;
  }
}
