import { assertBatchIndex, type MiniBatchManifest } from './manifest';
import { resolveUnder } from './manifestPaths';
import { readRows } from './readRows';

/**
 * Items of batch `index`: absolute file paths (kind files) or row objects (kind rows), in order.
 * `inputRoot` is the path the manifest was made from (the one given to partitionInput), possibly
 * mounted elsewhere. A files batch touches no disk; a rows batch reads only its byte range.
 *
 * Rows: CSV values are strings, exactly as written (an empty field is ""), keyed by column name;
 * JSON Lines rows are the parsed objects.
 */
export async function readMiniBatch(m: MiniBatchManifest, inputRoot: string, index: number): Promise<string[] | Record<string, unknown>[]> {
  assertBatchIndex(m, index);
  if (m.kind === 'files') {
    return m.files.slice(index * m.batchSize, (index + 1) * m.batchSize).map((file) => resolveUnder(inputRoot, file));
  }
  return readRows(m, inputRoot, index);
}
