import { z } from 'zod';
import { AssetVersion, Text } from './fields';
import { strictObject } from './unknownFields';

/** Job outputs. `outputs: {model: }` (empty) means a `uri_folder` written through a read-write mount. */

export const OutputType = z.enum(['uri_file', 'uri_folder', 'mltable', 'mlflow_model', 'custom_model']);
export type OutputType = z.infer<typeof OutputType>;
export const OutputMode = z.enum(['rw_mount', 'upload', 'direct']);
export type OutputMode = z.infer<typeof OutputMode>;

export const DEFAULT_OUTPUT_TYPE: OutputType = 'uri_folder';
export const DEFAULT_OUTPUT_MODE: OutputMode = 'rw_mount';

export const OutputSpec = strictObject({
  type: OutputType.optional(),
  path: Text.optional(),
  mode: OutputMode.optional(),
  /** Register the output as a data asset under this name (and version). */
  name: Text.optional(),
  version: AssetVersion.optional(),
  description: z.string().optional(),
}).superRefine((output, ctx) => {
  if (output.version !== undefined && output.name === undefined) {
    ctx.addIssue({ code: 'custom', path: ['version'], message: 'an output "version" needs a "name" to register the output under' });
  }
});
export type OutputSpec = z.infer<typeof OutputSpec>;

/** An output as written: a mapping, or nothing at all (`model:` with no value). */
export const JobOutput = z.union([OutputSpec, z.null()], { error: 'expected a mapping with type, path, mode, … (or nothing)' });
export type JobOutput = z.infer<typeof JobOutput>;

export const NormalizedOutput = strictObject({
  type: OutputType,
  path: Text.optional(),
  mode: OutputMode,
  name: Text.optional(),
  version: AssetVersion.optional(),
  description: z.string().optional(),
});
export type NormalizedOutput = z.infer<typeof NormalizedOutput>;

/** Fills Azure ML defaults: `type: uri_folder`, `mode: rw_mount`. */
export function normalizeOutput(output: JobOutput): NormalizedOutput {
  const spec = output ?? {};
  return {
    type: spec.type ?? DEFAULT_OUTPUT_TYPE,
    ...(spec.path !== undefined && { path: spec.path }),
    mode: spec.mode ?? DEFAULT_OUTPUT_MODE,
    ...(spec.name !== undefined && { name: spec.name }),
    ...(spec.version !== undefined && { version: spec.version }),
    ...(spec.description !== undefined && { description: spec.description }),
  };
}
