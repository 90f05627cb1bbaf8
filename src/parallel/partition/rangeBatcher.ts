import type { RowBatch } from './manifest';

/**
 * Groups consecutive rows of one file into byte ranges of about `maxBytes`: a batch closes before a
 * row that would take it over the size, and as soon as it reaches the size, so batches stay within
 * it except a single row larger than the size, which is a batch of its own. Bytes between rows
 * (blank lines, a header already read) belong to the range of the row that follows them.
 */
export class RangeBatcher {
  private readonly batches: RowBatch[] = [];
  private start: number;
  private startLine: number;
  private rows = 0;
  private end: number;
  private endLine: number;

  constructor(
    private readonly source: number,
    private readonly maxBytes: number,
    /** Where the first row may begin: after a BOM and a header. */
    firstOffset: number,
    firstLine: number,
  ) {
    this.start = firstOffset;
    this.startLine = firstLine;
    this.end = firstOffset;
    this.endLine = firstLine - 1;
  }

  /** A row ending just before byte `end` (its line break included), on line `lastLine`. */
  addRow(end: number, lastLine: number): void {
    if (this.rows > 0 && end - this.start > this.maxBytes) this.close();
    this.rows += 1;
    this.end = end;
    this.endLine = lastLine;
    if (this.end - this.start >= this.maxBytes) this.close();
  }

  /** The batches, once the last row has been added. */
  finish(): RowBatch[] {
    if (this.rows > 0) this.close();
    return this.batches;
  }

  private close(): void {
    this.batches.push({ source: this.source, start: this.start, end: this.end, rows: this.rows, line: this.startLine });
    this.start = this.end;
    this.startLine = this.endLine + 1;
    this.rows = 0;
  }
}
