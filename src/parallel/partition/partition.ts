import { stat } from 'node:fs/promises';
import path from 'node:path';
import { formatMiniBatchSize, type MiniBatchSize } from '../../model/miniBatchSize';
import { dataProblem, sizeProblem } from './errors';
import type { MiniBatchManifest } from './manifest';
import { INPUT_ITSELF } from './manifestPaths';
import { loadMLTable } from './mltable/loadMLTable';
import { tableReader } from './mltable/reader';
import { resolvePaths } from './mltable/resolvePaths';
import { partitionRows, PLAIN_FILES, type TableFile } from './rows';
import { formatFromName, TABULAR_FILES } from './tabularFormat';
import { listFiles } from './walkFiles';

export type PartitionInputType = 'uri_file' | 'uri_folder' | 'mltable';

export interface PartitionInput {
  /** Absolute local path: a file (uri_file) or folder (uri_folder, mltable). Read it back with the same path. */
  readonly path: string;
  readonly type: PartitionInputType;
}

/**
 * Splits a parallel job's `input_data` into mini-batches.
 *
 * | input_data | mini_batch_size "10" (files) | mini_batch_size "100kb" (bytes) |
 * | uri_folder | every file, recursively, 10 per batch | the rows of its *.csv, *.jsonl, *.json files |
 * | uri_file   | one batch: the file itself | the rows of the file (CSV or JSON Lines) |
 * | mltable    | error: an mltable is split by size | the rows of the files its MLTable names |
 *
 * Nothing to process (an empty folder, only empty tables) is a ValidationError, like every other
 * problem with the data: a job that would do nothing is more likely a wrong path than intended.
 */
export async function partitionInput(input: PartitionInput, size: MiniBatchSize): Promise<MiniBatchManifest> {
  await expectKind(input);
  if (size.kind === 'files') {
    if (input.type === 'mltable') {
      throw sizeProblem(`"${written(size)}" is a file count (the default when mini_batch_size is left out is "1"), but an mltable input_data is split into rows by size; give a size such as "100kb" or "10mb"`);
    }
    const files = input.type === 'uri_file' ? [INPUT_ITSELF] : await listFiles(input.path);
    if (files.length === 0) throw dataProblem(`the folder ${path.basename(input.path)} holds no files; a parallel job needs at least one`);
    return { version: 1, kind: 'files', files, batchSize: size.count };
  }
  if (input.type === 'mltable') {
    const table = await loadMLTable(input.path);
    const reader = tableReader(table);
    const files = await resolvePaths(input.path, table);
    const layout = reader.format === 'csv' ? { delimiter: reader.delimiter, header: reader.header, dropInvalid: false } : { ...PLAIN_FILES, dropInvalid: reader.dropInvalid };
    return partitionRows(input.path, files.map((file) => ({ path: file, format: reader.format })), layout, size.bytes);
  }
  return partitionRows(input.path, await tableFiles(input, size), PLAIN_FILES, size.bytes);
}

/** The CSV / JSON Lines files of a uri_file or uri_folder, by file extension. */
async function tableFiles(input: PartitionInput, size: MiniBatchSize): Promise<TableFile[]> {
  const sizeText = () => written(size);
  const name = path.basename(input.path);
  if (input.type === 'uri_file') {
    const format = formatFromName(name);
    if (format === undefined) {
      throw sizeProblem(`"${sizeText()}" is a byte size, which splits the rows of ${TABULAR_FILES} files, and ${name} is neither; give a file count such as "1" to pass the file itself to run()`);
    }
    return [{ path: INPUT_ITSELF, format }];
  }
  const all = await listFiles(input.path);
  const tables = all.flatMap((file) => {
    const format = formatFromName(file);
    return format === undefined ? [] : [{ path: file, format }];
  });
  if (tables.length === 0) {
    const seen = all.length === 0 ? 'it is empty' : `it holds ${all.length} other files (such as ${all[0]})`;
    throw sizeProblem(`"${sizeText()}" is a byte size, which splits the rows of ${TABULAR_FILES} files, but the folder ${name} has none: ${seen}; give a file count such as "10" to pass files to run()`);
  }
  return tables;
}

async function expectKind(input: PartitionInput): Promise<void> {
  const found = await stat(input.path).catch(() => undefined);
  const wantsFolder = input.type !== 'uri_file';
  if (found === undefined) throw dataProblem(`${input.path} does not exist`);
  if (wantsFolder && !found.isDirectory()) throw dataProblem(`a ${input.type} input is a folder, but ${path.basename(input.path)} is a file${input.type === 'uri_folder' ? '; declare the input as uri_file' : ''}`);
  if (!wantsFolder && !found.isFile()) throw dataProblem(`a uri_file input is a file, but ${path.basename(input.path)} is a folder; declare the input as uri_folder`);
}

/** The size as a job file writes it (`"100kb"`), or in bytes when no unit fits (tests use any size). */
function written(size: MiniBatchSize): string {
  return size.kind === 'bytes' && size.bytes % 1024 !== 0 ? `${size.bytes} bytes` : formatMiniBatchSize(size);
}
