import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type MiniBatchManifest, partitionInput } from '../../../src/parallel/partition';
import { generateCsv, generateJsonl, type GeneratedTable } from './generatedTables';
import { readAllBatches } from './splitFile';
import { tempTree } from './tempTree';

const SIZES = [1, 7, 20, 33, 64, 100, 257, 1000, 4096, 1_000_000];
const SEEDS = Array.from({ length: 12 }, (_, i) => 1000 + i);

/** Ranges follow each other without gap or overlap, and stay within the size unless a single row is larger. */
function expectWellCut(manifest: MiniBatchManifest, bytes: number, fileSize: number): void {
  if (manifest.kind !== 'rows') throw new Error('expected rows');
  manifest.batches.forEach((batch, index) => {
    const previous = manifest.batches[index - 1];
    if (previous !== undefined) expect(batch.start, `batch ${index} starts where ${index - 1} ends`).toBe(previous.end);
    expect(batch.end - batch.start <= bytes || batch.rows === 1, `batch ${index} of ${batch.end - batch.start} bytes, ${batch.rows} rows, size ${bytes}`).toBe(true);
    expect(batch.end).toBeLessThanOrEqual(fileSize);
  });
}

async function checkExactlyOnce(name: string, generate: (seed: number) => GeneratedTable) {
  let quotedBreaksAtEdges = 0;
  for (const seed of SEEDS) {
    const table = generate(seed);
    const root = await tempTree({ [name]: table.content });
    const file = path.join(root, name);
    for (const bytes of SIZES) {
      const manifest = await partitionInput({ path: file, type: 'uri_file' }, { kind: 'bytes', bytes });
      const batches = (await readAllBatches(manifest, file)) as Record<string, unknown>[][];
      expect(batches.flat(), `seed ${seed}, size ${bytes}`).toEqual(table.rows);
      expectWellCut(manifest, bytes, table.content.length);
      quotedBreaksAtEdges += batches.filter((rows) => /\n/.test(String(rows[0]?.['text'])) || /\n/.test(String(rows.at(-1)?.['text']))).length;
    }
  }
  return quotedBreaksAtEdges;
}

describe('every row exactly once, in order', () => {
  it('for CSV files with quoted line breaks, quotes and delimiters, CRLF, blank lines and BOMs, at many sizes', async () => {
    const quotedBreaksAtEdges = await checkExactlyOnce('t.csv', (seed) => generateCsv(seed, 60));
    expect(quotedBreaksAtEdges).toBeGreaterThan(100); // line breaks inside values sat at range edges many times
  });

  it('for JSON Lines files with CRLF, blank and whitespace lines and BOMs, at many sizes', async () => {
    await checkExactlyOnce('t.jsonl', (seed) => generateJsonl(seed, 60));
  });

  it('for a CSV file of several MiB, read in many chunks', async () => {
    const table = generateCsv(7, 150_000);
    expect(table.content.length).toBeGreaterThan(3 * 1024 * 1024);
    const file = path.join(await tempTree({ 'big.csv': table.content }), 'big.csv');
    const bytes = 256 * 1024;
    const manifest = await partitionInput({ path: file, type: 'uri_file' }, { kind: 'bytes', bytes });
    expect((await readAllBatches(manifest, file)).flat()).toEqual(table.rows);
    expectWellCut(manifest, bytes, table.content.length);
  }, 120_000);
});
