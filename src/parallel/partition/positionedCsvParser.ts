import { Parser, type Options } from 'csv-parse';

/** A CSV record and where it ends: the byte just after its line break, and its last line (1-based). */
export interface PositionedRecord {
  readonly fields: string[];
  readonly end: number;
  readonly line: number;
}

/**
 * csv-parse's stream parser, emitting each record with its position. csv-parse pushes a record the
 * moment its line break is consumed, with `info.bytes` just past that break and `info.lines` on the
 * record's last line; we read them there. (The documented `info: true` option gives the same
 * numbers but copies the whole info object per record, which made a 100 MB file 2-3x slower.)
 * The exactly-once tests in test/parallel/partition guard this against csv-parse upgrades.
 */
export class PositionedCsvParser extends Parser {
  constructor(options: Options) {
    super(options);
  }

  override push(record: unknown, encoding?: BufferEncoding): boolean {
    if (record === null) return super.push(null, encoding);
    const positioned: PositionedRecord = { fields: record as string[], end: this.info.bytes, line: this.info.lines };
    return super.push(positioned, encoding);
  }
}
