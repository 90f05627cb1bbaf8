import type { CsvHeader } from './csvHeader';
import { DEFAULT_DELIMITER } from './csvDialect';
import { scanCsv } from './csvRanges';
import { dataProblem } from './errors';
import { scanJsonl } from './jsonlRanges';
import type { MiniBatchManifest, RowBatch, RowSource } from './manifest';
import { displayPath, resolveUnder } from './manifestPaths';
import type { HeaderMode } from './mltable/schema';
import type { TabularFormat } from './tabularFormat';

/** How a table's files are read: CSV dialect and header rule, JSON Lines leniency. */
export interface TableLayout {
  readonly delimiter: string;
  readonly header: HeaderMode;
  readonly dropInvalid: boolean;
}

/** Plain CSV / JSON Lines files (uri_file, uri_folder): `,`, each CSV file with its own header row. */
export const PLAIN_FILES: TableLayout = { delimiter: DEFAULT_DELIMITER, header: 'all_files_different_headers', dropInvalid: false };

export interface TableFile {
  /** Relative to the input root (`.` for the input itself). */
  readonly path: string;
  readonly format: TabularFormat;
}

/**
 * Splits the rows of `files`, one after the other, into byte ranges of about `maxBytes`; a range
 * never crosses a file. No rows at all is an error: the job would have nothing to do.
 */
export async function partitionRows(root: string, files: readonly TableFile[], layout: TableLayout, maxBytes: number): Promise<MiniBatchManifest> {
  const sources: RowSource[] = [];
  const batches: RowBatch[] = [];
  let first: { columns: string[]; display: string } | undefined; // the first CSV file with a record
  for (const [index, file] of files.entries()) {
    const local = resolveUnder(root, file.path);
    const display = displayPath(root, file.path);
    if (file.format === 'jsonl') {
      sources.push({ path: file.path, format: 'jsonl', ...(layout.dropInvalid && { invalidLines: 'drop' as const }) });
      batches.push(...(await scanJsonl({ local, display, source: index, dropInvalid: layout.dropInvalid }, maxBytes)));
      continue;
    }
    const scan = await scanCsv({ local, display, source: index, delimiter: layout.delimiter, header: headerFor(layout.header, first?.columns) }, maxBytes);
    const columns = scan.columns ?? first?.columns ?? [];
    if (layout.header === 'all_files_same_headers' && first !== undefined && scan.columns !== undefined && !sameColumns(first.columns, scan.columns)) {
      throw dataProblem(`the header (${scan.columns.join(', ')}) differs from that of ${first.display} (${first.columns.join(', ')}); with MLTable header: all_files_same_headers every file must have the same one (all_files_different_headers allows each its own)`, { file: display, line: 1 });
    }
    if (first === undefined && scan.columns !== undefined) first = { columns: scan.columns, display };
    sources.push({ path: file.path, format: 'csv', columns, ...(layout.delimiter !== DEFAULT_DELIMITER && { delimiter: layout.delimiter }) });
    batches.push(...scan.batches);
  }
  if (batches.length === 0) {
    throw dataProblem(`there are no rows to process: ${files.length === 1 ? 'the file is empty or has only a header' : `all ${files.length} files are empty or have only a header`}`);
  }
  return { version: 1, kind: 'rows', sources, batches };
}

function headerFor(mode: HeaderMode, firstColumns: string[] | undefined): CsvHeader {
  if (mode === 'no_header') return { kind: 'numbered' };
  if (mode === 'from_first_file' && firstColumns !== undefined) return { kind: 'given', columns: firstColumns };
  return { kind: 'row' };
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, index) => name === b[index]);
}
