import { z } from 'zod';
import { Literal, Text } from './fields';
import { strictObject } from './unknownFields';

/** Job inputs: a literal, or a mapping describing data (`uri_folder`, …) or a typed primitive. */

export const DATA_INPUT_TYPES = ['uri_file', 'uri_folder', 'mltable', 'mlflow_model', 'custom_model'] as const;
export const PRIMITIVE_INPUT_TYPES = ['string', 'integer', 'number', 'boolean'] as const;
/** Data types that can hold tables (a CSV / JSON Lines file, a folder of them, an MLTable), split by size rather than by file count. */
export const TABULAR_INPUT_TYPES = ['mltable', 'uri_file', 'uri_folder'] as const;

export const DataInputType = z.enum(DATA_INPUT_TYPES);
export type DataInputType = z.infer<typeof DataInputType>;
export const PrimitiveInputType = z.enum(PRIMITIVE_INPUT_TYPES);
export type PrimitiveInputType = z.infer<typeof PrimitiveInputType>;
export const InputType = z.enum([...DATA_INPUT_TYPES, ...PRIMITIVE_INPUT_TYPES]);
export type InputType = z.infer<typeof InputType>;

export const InputMode = z.enum(['ro_mount', 'download', 'direct', 'eval_mount', 'eval_download']);
export type InputMode = z.infer<typeof InputMode>;

export const DEFAULT_INPUT_TYPE: DataInputType = 'uri_folder';
export const DEFAULT_INPUT_MODE: InputMode = 'ro_mount';

export function isDataInputType(type: InputType): type is DataInputType {
  return (DATA_INPUT_TYPES as readonly string[]).includes(type);
}

const PRIMITIVE_CHECKS: Record<PrimitiveInputType, (value: Literal) => boolean> = {
  string: (value) => typeof value === 'string',
  integer: (value) => Number.isInteger(value),
  number: (value) => typeof value === 'number',
  boolean: (value) => typeof value === 'boolean',
};

/** The mapping form, as users write it. Which fields apply depends on `type` (default `uri_folder`). */
export const InputSpec = strictObject({
  type: InputType.optional(),
  path: Text.optional(),
  mode: InputMode.optional(),
  optional: z.boolean().optional(),
  default: Literal.optional(),
  description: z.string().optional(),
}).superRefine((input, ctx) => {
  const type = input.type ?? DEFAULT_INPUT_TYPE;
  if (isDataInputType(type)) {
    if (input.default !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['default'], message: `a ${type} input takes its data from "path", not "default"` });
    }
    if (input.path === undefined && input.optional !== true) {
      ctx.addIssue({ code: 'custom', path: ['path'], message: `a ${type} input needs a "path" (or "optional: true")`, params: { at: 'parent' } });
    }
    if ((input.mode === 'eval_mount' || input.mode === 'eval_download') && type !== 'mltable') {
      ctx.addIssue({ code: 'custom', path: ['mode'], message: `mode ${input.mode} is only for mltable inputs; for ${type} use ro_mount, download or direct` });
    }
    return;
  }
  for (const field of ['path', 'mode'] as const) {
    if (input[field] !== undefined) {
      ctx.addIssue({ code: 'custom', path: [field], message: `"${field}" is only for data inputs (${DATA_INPUT_TYPES.join(', ')}); a ${type} input takes its value from "default"` });
    }
  }
  if (input.default !== undefined && !PRIMITIVE_CHECKS[type](input.default)) {
    ctx.addIssue({ code: 'custom', path: ['default'], message: `expected ${type === 'integer' ? 'an integer' : `a ${type}`} to match type ${type}, got ${JSON.stringify(input.default)}` });
  }
});
export type InputSpec = z.infer<typeof InputSpec>;

/** An input as written: `lr: 0.01`, `data: {type: uri_folder, path: ./data}`. */
export const JobInput = z.union([Literal, InputSpec], {
  error: 'expected a literal (string, number, boolean) or a mapping with type, path, mode, …',
});
export type JobInput = z.infer<typeof JobInput>;

/** A data input after defaults: `type` and `mode` always present. */
export const NormalizedDataInput = strictObject({
  type: DataInputType,
  path: Text.optional(),
  mode: InputMode,
  optional: z.boolean().optional(),
  description: z.string().optional(),
});
export type NormalizedDataInput = z.infer<typeof NormalizedDataInput>;

/** A typed primitive input after defaults. */
export const NormalizedPrimitiveInput = strictObject({
  type: PrimitiveInputType,
  default: Literal.optional(),
  optional: z.boolean().optional(),
  description: z.string().optional(),
});
export type NormalizedPrimitiveInput = z.infer<typeof NormalizedPrimitiveInput>;

export const NormalizedInput = z.union([
  Literal,
  z.discriminatedUnion('type', [NormalizedDataInput, NormalizedPrimitiveInput]),
]);
export type NormalizedInput = z.infer<typeof NormalizedInput>;

/** Fills Azure ML defaults: mappings get `type: uri_folder`, data inputs `mode: ro_mount`. */
export function normalizeInput(input: JobInput): NormalizedInput {
  if (typeof input !== 'object') return input;
  const type = input.type ?? DEFAULT_INPUT_TYPE;
  const common = {
    ...(input.optional !== undefined && { optional: input.optional }),
    ...(input.description !== undefined && { description: input.description }),
  };
  if (isDataInputType(type)) {
    return { type, ...(input.path !== undefined && { path: input.path }), mode: input.mode ?? DEFAULT_INPUT_MODE, ...common };
  }
  return { type, ...(input.default !== undefined && { default: input.default }), ...common };
}

/** Inputs declared `optional: true` may be absent at run time, so they may only be used inside `$[[ … ]]`. */
export function isOptionalInput(input: NormalizedInput | JobInput): boolean {
  return typeof input === 'object' && input.optional === true;
}
