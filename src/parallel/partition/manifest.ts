import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { NonRetryableError } from '../../model/errors';
import { isManifestPath } from './manifestPaths';

/**
 * The mini-batches of a parallel job's `input_data`, written once by partitionInput and read by
 * every worker. It lists where the items are, never the items themselves: file paths, or byte
 * ranges of CSV / JSON Lines files. Stored as a blob (serializeManifest); the orchestration carries
 * only its name and counts.
 *
 * - `files`: batch i is `files.slice(i * batchSize, (i + 1) * batchSize)`; paths are relative to
 *   the input root, sorted by UTF-8 bytes; `.` is the input itself (a `uri_file`).
 * - `rows`: each batch is the byte range [start, end) of one source file holding `rows` whole
 *   rows, starting on 1-based line `line` of that file (for messages). CSV sources carry their
 *   column names (`columns`) and `delimiter` (default `,`); a JSON Lines source with
 *   `invalidLines: 'drop'` skips lines that are not a JSON object (MLTable `invalid_lines: drop`).
 *   Source paths are relative to the input root: the folder, the MLTable folder, or `.` for a
 *   `uri_file`.
 */

const ManifestPath = z.string().refine(isManifestPath, {
  error: 'expected a relative POSIX path without empty, "." or ".." segments (or "." for the input itself)',
});
const Offset = z.int().min(0);

export const RowSource = z.strictObject({
  path: ManifestPath,
  format: z.enum(['csv', 'jsonl']),
  /** CSV: the column names, from the header (or Column1…ColumnN without one). */
  columns: z.array(z.string()).optional(),
  /** CSV: the field delimiter when it is not `,`. */
  delimiter: z.string().min(1).optional(),
  /** JSON Lines: drop lines that are not a JSON object instead of failing. */
  invalidLines: z.literal('drop').optional(),
});
export type RowSource = z.infer<typeof RowSource>;

export const RowBatch = z.strictObject({
  source: Offset,
  start: Offset,
  end: Offset,
  rows: z.int().min(1),
  line: z.int().min(1),
});
export type RowBatch = z.infer<typeof RowBatch>;

export const MiniBatchManifest = z
  .discriminatedUnion('kind', [
    z.strictObject({ version: z.literal(1), kind: z.literal('files'), files: z.array(ManifestPath), batchSize: z.int().min(1) }),
    z.strictObject({ version: z.literal(1), kind: z.literal('rows'), sources: z.array(RowSource), batches: z.array(RowBatch) }),
  ])
  .superRefine((manifest, ctx) => {
    if (manifest.kind !== 'rows') return;
    manifest.sources.forEach((source, index) => {
      if (source.format === 'csv' && source.columns === undefined) {
        ctx.addIssue({ code: 'custom', path: ['sources', index, 'columns'], message: 'a CSV source needs its column names' });
      }
    });
    manifest.batches.forEach((batch, index) => {
      if (batch.source >= manifest.sources.length) {
        ctx.addIssue({ code: 'custom', path: ['batches', index, 'source'], message: `no source ${batch.source} (${manifest.sources.length} sources)` });
      }
      if (batch.end <= batch.start) {
        ctx.addIssue({ code: 'custom', path: ['batches', index, 'end'], message: `the range [${batch.start}, ${batch.end}) is empty` });
      }
    });
  });
export type MiniBatchManifest = z.infer<typeof MiniBatchManifest>;

export function miniBatchCount(m: MiniBatchManifest): number {
  return m.kind === 'files' ? Math.ceil(m.files.length / m.batchSize) : m.batches.length;
}

/** Files or rows in all mini-batches together. */
export function itemCount(m: MiniBatchManifest): number {
  return m.kind === 'files' ? m.files.length : m.batches.reduce((sum, batch) => sum + batch.rows, 0);
}

/** Files or rows in mini-batch `index`; RangeError outside 0 … miniBatchCount - 1. */
export function itemsInBatch(m: MiniBatchManifest, index: number): number {
  assertBatchIndex(m, index);
  if (m.kind === 'rows') return (m.batches[index] as RowBatch).rows;
  return Math.min(m.batchSize, m.files.length - index * m.batchSize);
}

export function assertBatchIndex(m: MiniBatchManifest, index: number): void {
  const count = miniBatchCount(m);
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`mini-batch ${index} does not exist; the manifest has ${count} (0 to ${count - 1})`);
  }
}

/** gzip-compressed JSON (`application/gzip`; a name like `manifest.json.gz` suits it). */
export function serializeManifest(m: MiniBatchManifest): Buffer {
  return gzipSync(JSON.stringify(m));
}

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

/**
 * Reads what serializeManifest wrote (plain JSON is accepted too). `where` names the blob or file in
 * errors; an unreadable manifest is a NonRetryableError: reading it again will not help.
 */
export function parseManifest(data: Buffer, where: string): MiniBatchManifest {
  let value: unknown;
  try {
    const json = data.subarray(0, 2).equals(GZIP_MAGIC) ? gunzipSync(data) : data;
    value = JSON.parse(json.toString('utf8'));
  } catch (err) {
    throw new NonRetryableError(`mini-batch manifest ${where} is not gzip-compressed or plain JSON: ${(err as Error).message}`, { cause: err });
  }
  const parsed = MiniBatchManifest.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new NonRetryableError(`mini-batch manifest ${where} is not a version 1 manifest: ${problems.join('; ')}`, { cause: parsed.error });
  }
  return parsed.data;
}
