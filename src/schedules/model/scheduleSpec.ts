import { z } from 'zod';
import { StringMap } from '../../model/fields';
import { strictObject } from '../../model/unknownFields';
import { Trigger } from './trigger';

/**
 * A schedule as users write it: Azure ML's JobSchedule (`name`, `trigger`, `create_job`,
 * `display_name`, `description`, `tags`, `properties`, `is_enabled`), plus the two policies Argo
 * CronWorkflow users expect — `catch_up` for ticks missed while no host ran, `concurrency` for a
 * tick whose previous job is still running.
 */

export const ScheduleName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$/, {
  error: 'schedule names start with a letter or digit and contain only letters, digits, "_" and "-" (at most 255 characters)',
});
export type ScheduleName = z.infer<typeof ScheduleName>;

/** Ticks missed while no host ran: fire none of them, only the latest (default), or all. */
export const CATCH_UP_POLICIES = ['none', 'last', 'all'] as const;
export const CatchUp = z.enum(CATCH_UP_POLICIES);
export type CatchUp = z.infer<typeof CatchUp>;

/** A tick whose previous job has not ended: submit anyway (default), skip the tick, or cancel that job and submit. */
export const CONCURRENCY_POLICIES = ['allow', 'forbid', 'replace'] as const;
export const Concurrency = z.enum(CONCURRENCY_POLICIES);
export type Concurrency = z.infer<typeof Concurrency>;

/** The job to create: a job spec inline, or (in files only) the path of a job YAML, relative to the schedule file. */
export const CreateJob = z.union([z.string().min(1), z.record(z.string(), z.unknown())], {
  error: 'expected the job spec as a mapping (type: command or parallel, …) or the path of a job YAML file',
});
export type CreateJob = z.infer<typeof CreateJob>;

export const scheduleFields = {
  $schema: z.string().optional(),
  name: ScheduleName,
  display_name: z.string().optional(),
  description: z.string().optional(),
  tags: StringMap.optional(),
  properties: StringMap.optional(),
  trigger: Trigger,
  create_job: CreateJob,
  is_enabled: z.boolean().optional(),
  catch_up: CatchUp.optional(),
  concurrency: Concurrency.optional(),
};

export const ScheduleSpec = strictObject(scheduleFields);
export type ScheduleSpec = z.infer<typeof ScheduleSpec>;

/**
 * A schedule ready to store: defaults applied, `create_job` an inline job spec (checked as a job,
 * its `name` dropped: each job is named after its tick) with secret values sealed.
 */
export const NormalizedSchedule = strictObject({
  ...scheduleFields,
  tags: StringMap,
  properties: StringMap,
  create_job: z.record(z.string(), z.unknown()),
  is_enabled: z.boolean(),
  catch_up: CatchUp,
  concurrency: Concurrency,
});
export type NormalizedSchedule = z.infer<typeof NormalizedSchedule>;
