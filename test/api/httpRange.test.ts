import { describe, expect, it } from 'vitest';
import { contentRange, parseRangeHeader } from '../../src/api/httpRange';
import { ValidationError } from '../../src/model';

describe('parseRangeHeader', () => {
  it('reads the three forms of one byte range', () => {
    expect(parseRangeHeader('bytes=0-99')).toEqual({ kind: 'from', start: 0, end: 99 });
    expect(parseRangeHeader('bytes=100-')).toEqual({ kind: 'from', start: 100 });
    expect(parseRangeHeader('bytes=-20')).toEqual({ kind: 'suffix', length: 20 });
    expect(parseRangeHeader(' Bytes = 5 - 6 ')).toEqual({ kind: 'from', start: 5, end: 6 });
  });

  it('means no range when the header is absent or blank', () => {
    expect(parseRangeHeader(null)).toBeUndefined();
    expect(parseRangeHeader('  ')).toBeUndefined();
  });

  it('refuses several ranges, other units, reversed and empty ranges, saying what is accepted', () => {
    expect(() => parseRangeHeader('bytes=0-1,5-6')).toThrow(/several ranges are not supported; expected one byte range: bytes=START-END/);
    expect(() => parseRangeHeader('lines=1-2')).toThrow(/not a byte range/);
    expect(() => parseRangeHeader('bytes=9-3')).toThrow(/the last byte comes before the first/);
    expect(() => parseRangeHeader('bytes=-')).toThrow(ValidationError);
    expect(() => parseRangeHeader('bytes=99999999999999999999-')).toThrow(/too large/);
  });
});

describe('contentRange', () => {
  it('names the bytes sent and the size, or only the size when none are', () => {
    expect(contentRange(10, 5, 100)).toBe('bytes 10-14/100');
    expect(contentRange(0, 0, 42)).toBe('bytes */42');
  });
});
