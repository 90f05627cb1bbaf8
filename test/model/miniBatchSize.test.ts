import { describe, it, expect } from 'vitest';
import { formatMiniBatchSize, parseMiniBatchSize } from '../../src/model/miniBatchSize';

describe('mini_batch_size', () => {
  it.each([
    [10, { kind: 'files', count: 10 }],
    ['10', { kind: 'files', count: 10 }],
    [' 5 ', { kind: 'files', count: 5 }],
    ['100kb', { kind: 'bytes', bytes: 102_400 }],
    ['10 mb', { kind: 'bytes', bytes: 10_485_760 }],
    ['10MB', { kind: 'bytes', bytes: 10_485_760 }],
    ['1gb', { kind: 'bytes', bytes: 1_073_741_824 }],
  ] as const)('parses %j', (written, parsed) => {
    expect(parseMiniBatchSize(written)).toEqual(parsed);
  });

  it.each([0, -1, 1.5, '0', '01', 'ten', '10 files', '1.5mb', '100k', '100 kilobytes', 'kb', '', 2 ** 60])('rejects %j', (written) => {
    expect(parseMiniBatchSize(written)).toBeUndefined();
  });

  it('formats sizes in the largest exact unit, so they parse back to the same value', () => {
    expect(formatMiniBatchSize({ kind: 'files', count: 10 })).toBe('10');
    expect(formatMiniBatchSize({ kind: 'bytes', bytes: 102_400 })).toBe('100kb');
    expect(formatMiniBatchSize({ kind: 'bytes', bytes: 1024 * 1024 })).toBe('1mb');
    expect(formatMiniBatchSize({ kind: 'bytes', bytes: 1536 * 1024 * 1024 })).toBe('1536mb');
    for (const written of ['7', '3kb', '1025kb', '2048mb', '5gb']) {
      const parsed = parseMiniBatchSize(written);
      expect(parsed && parseMiniBatchSize(formatMiniBatchSize(parsed))).toEqual(parsed);
    }
  });
});
