import { describe, expect, it } from 'vitest';
import { NonRetryableError } from '../../../src/model/errors';
import {
  itemCount, itemsInBatch, MiniBatchManifest, miniBatchCount, parseManifest, serializeManifest,
} from '../../../src/parallel/partition';

const files: MiniBatchManifest = { version: 1, kind: 'files', files: ['a.png', 'b/c.png', 'b/d.png', 'e.png', 'f.png'], batchSize: 2 };
const rows: MiniBatchManifest = {
  version: 1,
  kind: 'rows',
  sources: [{ path: 'a.csv', format: 'csv', columns: ['x', 'y'] }, { path: 'b.jsonl', format: 'jsonl' }],
  batches: [
    { source: 0, start: 4, end: 100, rows: 12, line: 2 },
    { source: 0, start: 100, end: 180, rows: 9, line: 14 },
    { source: 1, start: 0, end: 90, rows: 3, line: 1 },
  ],
};

describe('mini-batch manifest counts', () => {
  it('counts file batches as the files divided by the batch size, rounded up, the last one partial', () => {
    expect(miniBatchCount(files)).toBe(3);
    expect(itemCount(files)).toBe(5);
    expect([0, 1, 2].map((index) => itemsInBatch(files, index))).toEqual([2, 2, 1]);
  });

  it('counts row batches and their rows from the byte ranges', () => {
    expect(miniBatchCount(rows)).toBe(3);
    expect(itemCount(rows)).toBe(24);
    expect(itemsInBatch(rows, 2)).toBe(3);
  });

  it('refuses a batch index outside the manifest with a RangeError that gives the valid range', () => {
    expect(() => itemsInBatch(files, 3)).toThrow(/mini-batch 3 does not exist; the manifest has 3 \(0 to 2\)/);
    expect(() => itemsInBatch(rows, -1)).toThrow(RangeError);
    expect(() => itemsInBatch(rows, 0.5)).toThrow(RangeError);
  });
});

describe('mini-batch manifest serialization', () => {
  it('round-trips both kinds through the gzip-compressed form', () => {
    for (const manifest of [files, rows]) {
      const data = serializeManifest(manifest);
      expect(data.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
      expect(parseManifest(data, 'manifest.json.gz')).toEqual(manifest);
    }
  });

  it('compresses a long file list to a fraction of its JSON', () => {
    const many: MiniBatchManifest = { version: 1, kind: 'files', files: Array.from({ length: 10_000 }, (_, i) => `images/2024/batch-${Math.floor(i / 100)}/img-${i}.png`), batchSize: 10 };
    expect(serializeManifest(many).length).toBeLessThan(JSON.stringify(many).length / 5);
  });

  it('accepts plain JSON as well', () => {
    expect(parseManifest(Buffer.from(JSON.stringify(rows)), 'plain.json')).toEqual(rows);
  });

  it('refuses bytes that are neither gzip nor JSON, naming where they came from', () => {
    expect(() => parseManifest(Buffer.from('not json'), 'jobs/j1/manifest.json.gz')).toThrow(NonRetryableError);
    expect(() => parseManifest(Buffer.from('not json'), 'jobs/j1/manifest.json.gz')).toThrow(/jobs\/j1\/manifest\.json\.gz is not gzip-compressed or plain JSON/);
  });

  it('refuses another version, naming the field', () => {
    expect(() => parseManifest(Buffer.from(JSON.stringify({ ...files, version: 2 })), 'm')).toThrow(/m is not a version 1 manifest: version/);
  });

  it('refuses paths that could leave the input root', () => {
    for (const bad of ['../secret', '/etc/passwd', 'a/../../b', 'a//b', './a', '']) {
      const manifest = { ...files, files: ['ok.png', bad] };
      expect(() => parseManifest(Buffer.from(JSON.stringify(manifest)), 'm'), bad).toThrow(/files\.1: expected a relative POSIX path/);
    }
  });

  it('refuses row batches that name a missing source or an empty range, and CSV sources without columns', () => {
    const broken = {
      ...rows,
      sources: [{ path: 'a.csv', format: 'csv' }],
      batches: [{ source: 1, start: 0, end: 10, rows: 1, line: 1 }, { source: 0, start: 10, end: 10, rows: 1, line: 2 }],
    };
    const message = (() => {
      try {
        parseManifest(Buffer.from(JSON.stringify(broken)), 'm');
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    })();
    expect(message).toContain('sources.0.columns: a CSV source needs its column names');
    expect(message).toContain('batches.0.source: no source 1 (1 sources)');
    expect(message).toContain('batches.1.end: the range [10, 10) is empty');
  });

  it('refuses unknown fields, so a newer writer is not half-read', () => {
    expect(() => parseManifest(Buffer.from(JSON.stringify({ ...files, extra: true })), 'm')).toThrow(/not a version 1 manifest/);
  });
});
