import { parse } from 'csv-parse/sync';
import { NonRetryableError } from '../../model/errors';
import { csvErrorLine, csvOptions } from './csvDialect';
import { readRange } from './fileBytes';
import { lineRanges, parseJsonLine } from './jsonLines';
import type { MiniBatchManifest, RowBatch, RowSource } from './manifest';
import { displayPath, resolveUnder } from './manifestPaths';

type RowsManifest = Extract<MiniBatchManifest, { kind: 'rows' }>;
type Row = Record<string, unknown>;

/**
 * The rows of one batch, parsed from its byte range only. The range was checked when it was cut, so
 * a failure here (a different row count, a parse error) means the file changed since: a
 * NonRetryableError naming the file and line.
 */
export async function readRows(m: RowsManifest, inputRoot: string, index: number): Promise<Row[]> {
  const batch = m.batches[index] as RowBatch;
  const source = m.sources[batch.source] as RowSource;
  const file = displayPath(inputRoot, source.path);
  const at = (lineInRange: number) => `${file}:${batch.line + lineInRange - 1}`;
  const bytes = await readRange(resolveUnder(inputRoot, source.path), batch.start, batch.end);
  const rows = source.format === 'csv' ? csvRows(bytes, source, at) : jsonRows(bytes, source, at);
  if (rows.length !== batch.rows) {
    throw new NonRetryableError(`mini-batch ${index} (${at(1)}, bytes ${batch.start}-${batch.end}) holds ${rows.length} rows instead of ${batch.rows}; the file changed after the input was partitioned`);
  }
  return rows;
}

/** `file:line` of a line of the range (1 = its first). */
type LineLabel = (lineInRange: number) => string;

function csvRows(bytes: Buffer, source: RowSource, at: LineLabel): Row[] {
  const columns = source.columns ?? [];
  let records: string[][];
  try {
    records = parse(bytes, csvOptions(source.delimiter)) as string[][];
  } catch (err) {
    throw new NonRetryableError(`${at(csvErrorLine(err) ?? 1)}: not valid CSV any more: ${(err as Error).message}; the file changed after the input was partitioned`, { cause: err });
  }
  return records.map((fields) => {
    const row: Row = {};
    for (let column = 0; column < columns.length; column += 1) row[columns[column] as string] = fields[column];
    return row;
  });
}

function jsonRows(bytes: Buffer, source: RowSource, at: LineLabel): Row[] {
  const rows: Row[] = [];
  let line = 0;
  for (const [start, end] of lineRanges(bytes)) {
    line += 1;
    const parsed = parseJsonLine(bytes.toString('utf8', start, end));
    if (parsed.kind === 'row') rows.push(parsed.value);
    else if (parsed.kind === 'invalid' && source.invalidLines !== 'drop') {
      throw new NonRetryableError(`${at(line)}: ${parsed.reason}; the file changed after the input was partitioned`);
    }
  }
  return rows;
}
