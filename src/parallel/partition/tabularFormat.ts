import type { RowSource } from './manifest';

export type TabularFormat = RowSource['format'];

/** `*.csv` → csv; `*.jsonl` and `*.json` → JSON Lines (case-insensitive); anything else undefined. */
export function formatFromName(name: string): TabularFormat | undefined {
  if (/\.csv$/i.test(name)) return 'csv';
  if (/\.jsonl?$/i.test(name)) return 'jsonl';
  return undefined;
}

export const TABULAR_FILES = 'CSV (*.csv) or JSON Lines (*.jsonl, *.json)';
