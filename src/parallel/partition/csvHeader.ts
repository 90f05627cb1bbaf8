import { headerColumns, numberedColumns } from './columns';

/**
 * Where a CSV file's column names come from: its first row (`row`), the first file of the table
 * (`given`, MLTable `header: from_first_file` for the files after the first), or nowhere
 * (`numbered`: Column1…ColumnN, MLTable `header: no_header`).
 */
export type CsvHeader =
  | { readonly kind: 'row' }
  | { readonly kind: 'given'; readonly columns: string[] }
  | { readonly kind: 'numbered' };

/** The columns of a file whose first record is `fields` (a header row, or the first data row). */
export function columnsFromFirstRecord(header: CsvHeader, fields: readonly string[]): string[] {
  switch (header.kind) {
    case 'row':
      return headerColumns(fields);
    case 'given':
      return header.columns;
    case 'numbered':
      return numberedColumns(fields.length);
  }
}
