import { z } from 'zod';
import { CommandJob, NormalizedCommandJob, normalizeCommandJob } from './commandJob';
import { generateJobName, type RandomSource } from './names';
import { NormalizedParallelJob, normalizeParallelJob, ParallelJob } from './parallelJob';

/** Any job, discriminated on `type` (a missing `type` means `command`, as in Azure ML). */

export const JOB_TYPES = ['command', 'parallel'] as const;
export type JobType = (typeof JOB_TYPES)[number];

/** A job as users write it. */
export const JobSpec = z.discriminatedUnion('type', [CommandJob, ParallelJob]);
export type JobSpec = z.infer<typeof JobSpec>;

/** A job with every Azure ML default applied; what is stored, scheduled and run. */
export const NormalizedJob = z.discriminatedUnion('type', [NormalizedCommandJob, NormalizedParallelJob]);
export type NormalizedJob = z.infer<typeof NormalizedJob>;

export interface NormalizeOptions {
  /** Used only to generate a name for jobs that have none. */
  readonly random: RandomSource;
}

/** Applies Azure ML defaults; a job without `name` gets one like `sincere_river_4fdk2l9gqp`. */
export function normalizeJob(spec: JobSpec, options: NormalizeOptions): NormalizedJob {
  const name = spec.name ?? generateJobName(options.random);
  return spec.type === 'parallel' ? normalizeParallelJob(spec, name) : normalizeCommandJob(spec, name);
}
