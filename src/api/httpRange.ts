import { invalidRequest } from './request';

/**
 * A `Range: bytes=…` header (RFC 9110 §14.1.2) with one range: `bytes=a-b` (a through b,
 * inclusive), `bytes=a-` (from a to the end) or `bytes=-n` (the last n bytes). Several ranges or
 * another unit are refused with a ValidationError saying what is accepted.
 */
export type RequestedRange =
  | { readonly kind: 'from'; readonly start: number; readonly end?: number }
  | { readonly kind: 'suffix'; readonly length: number };

const ACCEPTED = 'expected one byte range: bytes=START-END, bytes=START- or bytes=-LENGTH';

export function parseRangeHeader(header: string | null): RequestedRange | undefined {
  if (header === null || header.trim() === '') return undefined;
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) {
    const why = /^\s*bytes\s*=.*,/i.test(header) ? 'several ranges are not supported' : 'not a byte range';
    throw invalidRequest([{ path: 'Range', message: `"${header}": ${why}; ${ACCEPTED}` }], 'invalid Range header');
  }
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') throw invalidRequest([{ path: 'Range', message: `"${header}": ${ACCEPTED}` }], 'invalid Range header');
  if (first === '') return { kind: 'suffix', length: count(last, header) };
  const start = count(first, header);
  if (last === '') return { kind: 'from', start };
  const end = count(last, header);
  if (end < start) throw invalidRequest([{ path: 'Range', message: `"${header}": the last byte comes before the first; ${ACCEPTED}` }], 'invalid Range header');
  return { kind: 'from', start, end };
}

function count(text: string, header: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw invalidRequest([{ path: 'Range', message: `"${header}": ${text} is too large` }], 'invalid Range header');
  return value;
}

/** Content-Range: `bytes a-b/size` for a 206, `bytes *\/size` (no bytes) for a 416. */
export function contentRange(start: number, length: number, size: number): string {
  return length === 0 ? `bytes */${size}` : `bytes ${start}-${start + length - 1}/${size}`;
}
