import { z } from 'zod';
import { strictObject } from './unknownFields';

/**
 * `mini_batch_size`: a file count (`10`, `"10"`) for file inputs, or an approximate byte size
 * (`"100kb"`, `"10 mb"`, `"1gb"`; units of 1024) for tabular inputs. A mini-batch never crosses a
 * file boundary.
 */

/** The parsed form stored in normalized jobs. */
export const MiniBatchSize = z.discriminatedUnion('kind', [
  strictObject({ kind: z.literal('files'), count: z.int().min(1) }),
  strictObject({ kind: z.literal('bytes'), bytes: z.int().min(1024).multipleOf(1024) }),
]);
export type MiniBatchSize = z.infer<typeof MiniBatchSize>;

export const DEFAULT_MINI_BATCH_SIZE: MiniBatchSize = { kind: 'files', count: 1 };
/** For an MLTable input, which is split by size only. */
export const DEFAULT_TABULAR_MINI_BATCH_SIZE: MiniBatchSize = { kind: 'bytes', bytes: 1024 * 1024 };

const UNITS = { kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 } as const;
const COUNT = /^[1-9][0-9]*$/;
const SIZE = /^([1-9][0-9]*)\s*(kb|mb|gb)$/i;

export const MINI_BATCH_SIZE_FORMS = 'a file count such as 10 or "10", or a size such as "100kb", "10mb" or "1gb"';

/** Parses the written form; undefined when it is neither a positive count nor a size with a unit. */
export function parseMiniBatchSize(value: number | string): MiniBatchSize | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? { kind: 'files', count: value } : undefined;
  const text = value.trim();
  if (COUNT.test(text)) {
    const count = Number(text);
    return Number.isSafeInteger(count) ? { kind: 'files', count } : undefined;
  }
  const size = SIZE.exec(text);
  if (!size) return undefined;
  const bytes = Number(size[1]) * UNITS[(size[2] as string).toLowerCase() as keyof typeof UNITS];
  return Number.isSafeInteger(bytes) ? { kind: 'bytes', bytes } : undefined;
}

/** The written form that parses back to `size`: `"10"` or the largest exact unit, e.g. `"100kb"`. */
export function formatMiniBatchSize(size: MiniBatchSize): string {
  if (size.kind === 'files') return String(size.count);
  for (const unit of ['gb', 'mb', 'kb'] as const) {
    if (size.bytes % UNITS[unit] === 0) return `${size.bytes / UNITS[unit]}${unit}`;
  }
  throw new RangeError(`mini-batch size of ${size.bytes} bytes is not a whole number of kilobytes`);
}

/** The field as written. */
export const MiniBatchSizeSpec = z
  .union([z.number(), z.string()], { error: `expected ${MINI_BATCH_SIZE_FORMS}` })
  .refine((value) => parseMiniBatchSize(value) !== undefined, {
    error: (issue) => `${JSON.stringify(issue.input)} is not a mini-batch size; expected ${MINI_BATCH_SIZE_FORMS}`,
  });
export type MiniBatchSizeSpec = z.infer<typeof MiniBatchSizeSpec>;

