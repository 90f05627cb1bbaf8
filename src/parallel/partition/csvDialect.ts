import type { Options } from 'csv-parse';

/**
 * How CSV is read, the same when partitioning and when reading a batch: RFC 4180 quoting (`"`,
 * doubled to escape), rows ending in CRLF, LF or CR (mixed is fine), blank lines skipped, and no
 * column-count check by the parser (partitioning checks it, naming the line). A UTF-8 BOM is
 * removed before the parser sees the bytes.
 */
export const DEFAULT_DELIMITER = ',';

export function csvOptions(delimiter: string = DEFAULT_DELIMITER): Options {
  return {
    delimiter,
    quote: '"',
    escape: '"',
    record_delimiter: ['\r\n', '\n', '\r'],
    skip_empty_lines: true,
    relax_column_count: true,
    bom: false,
  };
}

/** The 1-based line csv-parse reports in its errors, when it does. */
export function csvErrorLine(err: unknown): number | undefined {
  const lines = (err as { lines?: unknown } | null)?.lines;
  return typeof lines === 'number' ? lines : undefined;
}
