import { z } from 'zod';
import { Text } from '../../../model/fields';
import { strictObject } from '../../../model/unknownFields';

/**
 * The parts of Azure ML's MLTable file this runner reads. The whole file is checked, unknown fields
 * included; values Azure ML accepts but this runner cannot honour are refused with a reason rather
 * than ignored. Accepted but without effect: `infer_column_types` and `empty_as_string` (values
 * reach `run()` as strings), `support_multi_line` (quoted line breaks are always read), `traits`,
 * `metadata`, `partition_size`.
 */

export const PathEntry = strictObject({
  file: Text.optional(),
  folder: Text.optional(),
  pattern: Text.optional(),
}).superRefine((entry, ctx) => {
  const given = (['file', 'folder', 'pattern'] as const).filter((key) => entry[key] !== undefined);
  if (given.length !== 1) {
    ctx.addIssue({ code: 'custom', message: `each entry of paths has exactly one of file, folder or pattern${given.length > 1 ? ` (got ${given.join(' and ')})` : ''}` });
  }
});
export type PathEntry = z.infer<typeof PathEntry>;

export const MLTableSpec = strictObject({
  $schema: z.string().optional(),
  type: z.literal('mltable').optional(),
  paths: z.array(PathEntry).min(1, { error: 'list at least one file, folder or pattern' }),
  transformations: z.array(z.record(z.string(), z.unknown()), { error: 'expected a list of transformations, each a mapping such as read_delimited: {…}' }).optional(),
  traits: z.record(z.string(), z.unknown()).optional(),
  metadata: z.unknown().optional(),
});
export type MLTableSpec = z.infer<typeof MLTableSpec>;

const UTF8_ENCODINGS = ['utf8', 'utf8bom', 'ascii'];
const Encoding = z.string().refine((value) => UTF8_ENCODINGS.includes(value), {
  error: 'only UTF-8 data is read here (encoding utf8, utf8bom or ascii); convert the files to UTF-8',
});
const NoPathColumn = z.boolean().refine((value) => !value, {
  error: 'adding a path column is not supported here; remove include_path_column or set it to false',
});

export const HEADER_MODES = ['all_files_same_headers', 'all_files_different_headers', 'from_first_file', 'no_header'] as const;
export type HeaderMode = (typeof HEADER_MODES)[number];

export const ReadDelimited = strictObject({
  delimiter: z.string().min(1).refine((value) => !/["\r\n]/.test(value), { error: 'a delimiter cannot contain a quote or a line break' }).optional(),
  header: z.enum(HEADER_MODES).optional(),
  encoding: Encoding.optional(),
  empty_as_string: z.boolean().optional(),
  infer_column_types: z.boolean().optional(),
  support_multi_line: z.boolean().optional(),
  include_path_column: NoPathColumn.optional(),
  path_column: z.string().optional(),
});
export type ReadDelimited = z.infer<typeof ReadDelimited>;

export const ReadJsonLines = strictObject({
  encoding: Encoding.optional(),
  invalid_lines: z.enum(['error', 'drop']).optional(),
  include_path_column: NoPathColumn.optional(),
  path_column: z.string().optional(),
  partition_size: z.int().min(1).optional(),
});
export type ReadJsonLines = z.infer<typeof ReadJsonLines>;
