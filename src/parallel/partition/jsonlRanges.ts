import { ValidationError } from '../../model/errors';
import { dataProblem } from './errors';
import { bomLength, streamFrom } from './fileBytes';
import { lineRanges, parseJsonLine } from './jsonLines';
import type { RowBatch } from './manifest';
import { RangeBatcher } from './rangeBatcher';

export interface JsonlFile {
  readonly local: string;
  readonly display: string;
  readonly source: number;
  /** Skip lines that are not a JSON object (MLTable `invalid_lines: drop`) instead of failing. */
  readonly dropInvalid: boolean;
}

/**
 * Streams a JSON Lines file once and cuts its rows into byte ranges of about `maxBytes`. Every line
 * is parsed, so a bad one fails here, with the file and line, before any worker starts.
 */
export async function scanJsonl(file: JsonlFile, maxBytes: number): Promise<RowBatch[]> {
  const bom = await bomLength(file.local);
  const batcher = new RangeBatcher(file.source, maxBytes, bom, 1);
  let offset = bom; // of the first byte not yet consumed as part of a complete line
  let line = 0;
  let partial: Buffer[] = [];
  const take = (bytes: Buffer) => {
    line += 1;
    offset += bytes.length;
    const parsed = parseJsonLine(bytes.toString('utf8'));
    if (parsed.kind === 'row') batcher.addRow(offset, line);
    else if (parsed.kind === 'invalid' && !file.dropInvalid) {
      throw dataProblem(`${parsed.reason}; JSON Lines files (*.jsonl, *.json) hold one JSON object per line`, { file: file.display, line });
    }
  };
  try {
    for await (const chunk of streamFrom(file.local, bom) as AsyncIterable<Buffer>) {
      const lf = chunk.lastIndexOf(0x0a);
      if (lf === -1) {
        partial.push(chunk);
        continue;
      }
      const complete = Buffer.concat([...partial, chunk.subarray(0, lf + 1)]);
      partial = [chunk.subarray(lf + 1)];
      for (const [start, end] of lineRanges(complete)) take(complete.subarray(start, end));
    }
  } catch (err) {
    if (err instanceof ValidationError) throw err;
    throw dataProblem(`cannot be read: ${(err as Error).message}`, { file: file.display }, err);
  }
  const last = Buffer.concat(partial);
  if (last.length > 0) take(last);
  return batcher.finish();
}
