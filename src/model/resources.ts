import { z } from 'zod';
import { PositiveInt, Text } from './fields';
import { strictObject } from './unknownFields';

/** Where and how big: `resources`, `limits`, `queue_settings`. */

export const DEFAULT_INSTANCE_COUNT = 1;

export const Resources = strictObject({
  instance_count: PositiveInt.optional(),
  instance_type: Text.optional(),
  /** Docker shared memory: a number and a unit b, k, m or g, e.g. `2g`. */
  shm_size: z.string().regex(/^[1-9][0-9]*[bkmg]$/, { error: 'expected a size like 512m or 2g (a number greater than 0, then b, k, m or g)' }).optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
  docker_args: z.string().optional(),
});
export type Resources = z.infer<typeof Resources>;

export const NormalizedResources = strictObject({ ...Resources.shape, instance_count: PositiveInt });
export type NormalizedResources = z.infer<typeof NormalizedResources>;

export function normalizeResources(resources: Resources | undefined): NormalizedResources {
  return { ...resources, instance_count: resources?.instance_count ?? DEFAULT_INSTANCE_COUNT };
}

export const Limits = strictObject({
  /** Seconds; when reached the system cancels the job. */
  timeout: PositiveInt.optional(),
});
export type Limits = z.infer<typeof Limits>;

/** `job_tier: null` (YAML null) means no tier preference. */
export const JobTier = z.enum(['spot', 'basic', 'standard', 'premium']).nullable();
export type JobTier = z.infer<typeof JobTier>;

export const QueueSettings = strictObject({
  job_tier: JobTier.optional(),
  priority: z.enum(['low', 'medium', 'high']).optional(),
});
export type QueueSettings = z.infer<typeof QueueSettings>;
