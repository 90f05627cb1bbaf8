import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readMiniBatch } from '../../../src/parallel/partition';
import { splitFile } from './splitFile';
import { validationErrorOf } from './tempTree';

describe('partitioning a JSON Lines file by size', () => {
  it('gives run() the parsed objects, whole rows per batch, with the line each range starts on', async () => {
    const { manifest, batches } = await splitFile('rows.jsonl', '{"a":1,"s":"x\\ny"}\n{"a":2}\n\n{"a":3,"n":{"deep":[1,2]}}\n', 20);
    expect(manifest).toEqual({
      version: 1,
      kind: 'rows',
      sources: [{ path: '.', format: 'jsonl' }],
      batches: [{ source: 0, start: 0, end: 19, rows: 1, line: 1 }, { source: 0, start: 19, end: 27, rows: 1, line: 2 }, { source: 0, start: 27, end: 55, rows: 1, line: 3 }],
    });
    expect(batches.flat()).toEqual([{ a: 1, s: 'x\ny' }, { a: 2 }, { a: 3, n: { deep: [1, 2] } }]);
  });

  it('refuses a line that is not JSON, with the file and line and the one-object-per-line rule', async () => {
    const err = await validationErrorOf(splitFile('data.json', '{"a":1}\n\n{"a":2,}\n', 1024));
    expect(err.issues).toEqual([{
      path: 'input_data',
      file: 'data.json',
      line: 3,
      message: expect.stringMatching(/^not valid JSON \(.*\); JSON Lines files \(\*\.jsonl, \*\.json\) hold one JSON object per line$/),
    }]);
  });

  it('refuses a pretty-printed JSON document at its first line', async () => {
    const err = await validationErrorOf(splitFile('array.json', '[\n  {"a": 1}\n]\n', 1024));
    expect(err.issues[0]).toMatchObject({ file: 'array.json', line: 1, message: expect.stringMatching(/^not valid JSON/) });
  });

  it('refuses a line holding an array or a plain value instead of an object', async () => {
    const err = await validationErrorOf(splitFile('rows.jsonl', '{"a":1}\n[1,2]\n', 1024));
    expect(err.issues[0]).toMatchObject({ line: 2, message: expect.stringMatching(/^expected a JSON object per line, got an array/) });
    const scalar = await validationErrorOf(splitFile('rows.jsonl', '42\n', 1024));
    expect(scalar.issues[0]?.message).toMatch(/^expected a JSON object per line, got number/);
  });

  it('names the line of the file when a batch no longer parses because the file changed', async () => {
    const { manifest, file } = await splitFile('rows.jsonl', '{"a":1}\n{"a":2}\n{"a":3}\n', 8);
    await writeFile(file, '{"a":1}\n{"a":2}\n{"a":#}\n');
    await expect(readMiniBatch(manifest, file, 2)).rejects.toThrow(/^rows\.jsonl:3: not valid JSON .*the file changed after the input was partitioned$/);
  });
});
