import { pipeline } from 'node:stream';
import { CsvError } from 'csv-parse';
import { ValidationError } from '../../model/errors';
import { columnsFromFirstRecord, type CsvHeader } from './csvHeader';
import { csvErrorLine, csvOptions } from './csvDialect';
import { dataProblem } from './errors';
import { bomLength, streamFrom } from './fileBytes';
import type { RowBatch } from './manifest';
import { PositionedCsvParser, type PositionedRecord } from './positionedCsvParser';
import { RangeBatcher } from './rangeBatcher';

/** One CSV file to split: where it is, how it is named in messages, and its dialect. */
export interface CsvFile {
  readonly local: string;
  readonly display: string;
  readonly source: number;
  readonly delimiter: string;
  readonly header: CsvHeader;
}

export interface CsvScan {
  /** The column names; undefined for a file without any record. */
  readonly columns: string[] | undefined;
  readonly batches: RowBatch[];
}

/**
 * Streams a CSV file once (memory stays at a chunk or a row, whatever the file's size) and cuts its
 * rows into byte ranges of about `maxBytes`. Every row must have as many fields as there are
 * columns; a row that does not, and malformed quoting, fail with the file and line.
 */
export async function scanCsv(file: CsvFile, maxBytes: number): Promise<CsvScan> {
  const bom = await bomLength(file.local);
  const parser = new PositionedCsvParser(csvOptions(file.delimiter));
  const records = pipeline(streamFrom(file.local, bom), parser, () => undefined) as AsyncIterable<PositionedRecord>;
  let columns = file.header.kind === 'given' ? file.header.columns : undefined;
  let batcher = columns === undefined ? undefined : new RangeBatcher(file.source, maxBytes, bom, 1);
  try {
    for await (const record of records) {
      if (columns === undefined || batcher === undefined) {
        columns = columnsFromFirstRecord(file.header, record.fields);
        const isHeader = file.header.kind === 'row';
        batcher = new RangeBatcher(file.source, maxBytes, isHeader ? bom + record.end : bom, isHeader ? record.line + 1 : 1);
        if (isHeader) continue;
      }
      if (record.fields.length !== columns.length) {
        throw dataProblem(`expected ${columns.length} fields (${preview(columns)}), found ${record.fields.length}`, { file: file.display, line: record.line });
      }
      batcher.addRow(bom + record.end, record.line);
    }
  } catch (err) {
    if (err instanceof ValidationError) throw err;
    if (err instanceof CsvError) throw dataProblem(`not valid CSV: ${err.message}`, { file: file.display, ...lineOf(err) }, err);
    throw dataProblem(`cannot be read: ${(err as Error).message}`, { file: file.display }, err);
  }
  return { columns, batches: batcher?.finish() ?? [] };
}

function lineOf(err: unknown): { line?: number } {
  const line = csvErrorLine(err);
  return line === undefined ? {} : { line };
}

function preview(columns: readonly string[]): string {
  const shown = columns.slice(0, 5).join(', ');
  return columns.length > 5 ? `${shown}, …` : shown;
}
