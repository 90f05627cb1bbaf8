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
  const where = `${displayPath(inputRoot, source.path)}:${batch.line}`;
  const bytes = await readRange(resolveUnder(inputRoot, source.path), batch.start, batch.end);
  const rows = source.format === 'csv' ? csvRows(bytes, source, where) : jsonRows(bytes, source, where);
  if (rows.length !== batch.rows) {
    throw new NonRetryableError(`mini-batch ${index} (${where}, bytes ${batch.start}-${batch.end}) holds ${rows.length} rows instead of ${batch.rows}; the file changed after the input was partitioned`);
  }
  return rows;
}

function csvRows(bytes: Buffer, source: RowSource, where: string): Row[] {
  const columns = source.columns ?? [];
  let records: string[][];
  try {
    records = parse(bytes, csvOptions(source.delimiter)) as string[][];
  } catch (err) {
    const line = csvErrorLine(err);
    throw new NonRetryableError(`${where}${line === undefined ? '' : ` (+${line - 1} lines)`}: not valid CSV any more: ${(err as Error).message}; the file changed after the input was partitioned`, { cause: err });
  }
  return records.map((fields) => {
    const row: Row = {};
    for (let column = 0; column < columns.length; column += 1) row[columns[column] as string] = fields[column];
    return row;
  });
}

function jsonRows(bytes: Buffer, source: RowSource, where: string): Row[] {
  const rows: Row[] = [];
  let offset = 0;
  for (const [start, end] of lineRanges(bytes)) {
    const parsed = parseJsonLine(bytes.toString('utf8', start, end));
    if (parsed.kind === 'row') rows.push(parsed.value);
    else if (parsed.kind === 'invalid' && source.invalidLines !== 'drop') {
      throw new NonRetryableError(`${where} (+${offset} lines): ${parsed.reason}; the file changed after the input was partitioned`);
    }
    offset += 1;
  }
  return rows;
}
