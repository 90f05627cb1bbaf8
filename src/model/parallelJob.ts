import { z } from 'zod';
import { checkTemplate } from './bindings';
import { PositiveInt, Text } from './fields';
import { normalizeIdentity } from './identity';
import { normalizeInput } from './inputs';
import { commonJobFields, declaredPorts, DEFAULT_COMPUTE, normalizedCommonJobFields } from './jobCommon';
import { DEFAULT_MINI_BATCH_SIZE, DEFAULT_TABULAR_MINI_BATCH_SIZE, MiniBatchSize, MiniBatchSizeSpec, parseMiniBatchSize } from './miniBatchSize';
import { mapValues, withoutUndefined } from './objects';
import { normalizeOutput } from './outputs';
import { checkParallelBindings } from './parallelBindings';
import { normalizeResources } from './resources';
import { normalizeRunFunction, NormalizedRunFunction, OutputAction, outputActionOf, RunFunction } from './runFunction';
import { parseSingleRef } from './template';
import { strictObject } from './unknownFields';

/**
 * A parallel job: `input_data` is split into mini-batches, and the task's `run()` is called once per
 * mini-batch across `instance_count × max_concurrency_per_instance` worker processes.
 */

export const LoggingLevel = z.enum(['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL']);
export type LoggingLevel = z.infer<typeof LoggingLevel>;

export const PARALLEL_DEFAULTS = {
  max_concurrency_per_instance: 1,
  error_threshold: -1,
  mini_batch_error_threshold: -1,
  max_retries: 2,
  timeout: 60,
  logging_level: 'INFO',
} as const;

const retrySettingsFields = {
  /** Retries of a failed or timed-out mini-batch before it counts as failed. */
  max_retries: z.int().min(0).optional(),
  /** Seconds one `run()` call may take, in (0, 259200]. */
  timeout: z.int().min(1).max(259_200).optional(),
};
export const RetrySettings = strictObject(retrySettingsFields);
export type RetrySettings = z.infer<typeof RetrySettings>;
export const NormalizedRetrySettings = strictObject({ max_retries: z.int().min(0), timeout: z.int().min(1).max(259_200) });
export type NormalizedRetrySettings = z.infer<typeof NormalizedRetrySettings>;

const parallelJobFields = {
  ...commonJobFields,
  type: z.literal('parallel'),
  /** `${{inputs.NAME}}`: the data input split into mini-batches. */
  input_data: Text,
  mini_batch_size: MiniBatchSizeSpec.optional(),
  max_concurrency_per_instance: PositiveInt.optional(),
  /** Failed items tolerated; -1 ignores all item failures. */
  error_threshold: z.int().min(-1).optional(),
  /** Failed mini-batches tolerated; -1 ignores all mini-batch failures. */
  mini_batch_error_threshold: z.int().min(-1).optional(),
  retry_settings: RetrySettings.optional(),
  logging_level: LoggingLevel.optional(),
  task: RunFunction,
};

/** A parallel job as users write it. */
export const ParallelJob = strictObject(parallelJobFields).superRefine((job, ctx) => {
  for (const issue of checkParallelBindings(job)) ctx.addIssue({ code: 'custom', ...issue });
  if (job.task.program_arguments !== undefined) {
    for (const message of checkTemplate(job.task.program_arguments, declaredPorts(job))) {
      ctx.addIssue({ code: 'custom', path: ['task', 'program_arguments'], message });
    }
  }
});
export type ParallelJob = z.infer<typeof ParallelJob>;

/** A parallel job after Azure ML defaults, with `mini_batch_size` parsed and `output_action` derived. */
export const NormalizedParallelJob = strictObject({
  ...parallelJobFields,
  ...normalizedCommonJobFields,
  type: z.literal('parallel'),
  mini_batch_size: MiniBatchSize,
  max_concurrency_per_instance: PositiveInt,
  error_threshold: z.int().min(-1),
  mini_batch_error_threshold: z.int().min(-1),
  retry_settings: NormalizedRetrySettings,
  logging_level: LoggingLevel,
  task: NormalizedRunFunction,
  output_action: OutputAction,
});
export type NormalizedParallelJob = z.infer<typeof NormalizedParallelJob>;

/** Unset `mini_batch_size`: one file, or 1 MB of rows for an MLTable (which is split by size only), as Azure ML does. */
function defaultMiniBatchSize(job: ParallelJob): MiniBatchSize {
  const ref = parseSingleRef(job.input_data);
  const input = ref === undefined ? undefined : job.inputs?.[ref.name];
  return typeof input === 'object' && input.type === 'mltable' ? DEFAULT_TABULAR_MINI_BATCH_SIZE : DEFAULT_MINI_BATCH_SIZE;
}

export function normalizeParallelJob(job: ParallelJob, name: string): NormalizedParallelJob {
  const miniBatchSize = job.mini_batch_size === undefined ? defaultMiniBatchSize(job) : parseMiniBatchSize(job.mini_batch_size);
  if (miniBatchSize === undefined) throw new RangeError(`mini_batch_size ${JSON.stringify(job.mini_batch_size)} was not validated`);
  return withoutUndefined({
    $schema: job.$schema,
    type: 'parallel',
    name,
    display_name: job.display_name,
    experiment_name: job.experiment_name,
    description: job.description,
    tags: job.tags,
    properties: job.properties,
    compute: job.compute ?? DEFAULT_COMPUTE,
    identity: job.identity && normalizeIdentity(job.identity),
    inputs: mapValues(job.inputs ?? {}, normalizeInput),
    outputs: mapValues(job.outputs ?? {}, normalizeOutput),
    input_data: job.input_data,
    mini_batch_size: miniBatchSize,
    resources: normalizeResources(job.resources),
    max_concurrency_per_instance: job.max_concurrency_per_instance ?? PARALLEL_DEFAULTS.max_concurrency_per_instance,
    error_threshold: job.error_threshold ?? PARALLEL_DEFAULTS.error_threshold,
    mini_batch_error_threshold: job.mini_batch_error_threshold ?? PARALLEL_DEFAULTS.mini_batch_error_threshold,
    retry_settings: {
      max_retries: job.retry_settings?.max_retries ?? PARALLEL_DEFAULTS.max_retries,
      timeout: job.retry_settings?.timeout ?? PARALLEL_DEFAULTS.timeout,
    },
    logging_level: job.logging_level ?? PARALLEL_DEFAULTS.logging_level,
    environment_variables: job.environment_variables,
    task: normalizeRunFunction(job.task),
    output_action: outputActionOf(job.task),
  });
}
