import { z } from 'zod';
import { JobName } from '../../model/names';
import { NormalizedSchedule, ScheduleName } from './scheduleSpec';

/**
 * A schedule as stored (one Cosmos DB document per schedule, id = partition key = name): the
 * definition, and its firing state — the next tick to fire, the last one fired, the jobs it
 * created and the ticks it skipped (the newest of each, bounded).
 */

export const MAX_JOBS_KEPT = 500;
export const MAX_SKIPS_KEPT = 100;

const IsoTime = z.iso.datetime({ offset: true });

export const ScheduledJob = z.object({
  name: JobName,
  /** The tick the job is for; for a run by hand, when it was asked for. */
  fireTime: IsoTime,
  manual: z.boolean().optional(),
});
export type ScheduledJob = z.infer<typeof ScheduledJob>;

export const SkippedTick = z.object({
  /** The first skipped tick, and the last when a run of ticks was skipped at once. */
  from: IsoTime,
  to: IsoTime,
  reason: z.string(),
});
export type SkippedTick = z.infer<typeof SkippedTick>;

export const ScheduleRecord = z.object({
  id: ScheduleName,
  name: ScheduleName,
  schedule: NormalizedSchedule,
  createdAt: IsoTime,
  updatedAt: IsoTime,
  /** When the current trigger was set (or the schedule last enabled): the start when `start_time` is not given. */
  triggerSince: IsoTime,
  /** Epoch ms of the next tick to fire; null when none is left (past `end_time`). */
  nextFireAt: z.number().nullable(),
  lastFireTime: IsoTime.optional(),
  jobs: z.array(ScheduledJob),
  /** How many jobs the schedule has created in all (`jobs` keeps the newest MAX_JOBS_KEPT). */
  jobsCreated: z.int().min(0),
  skipped: z.array(SkippedTick),
  _etag: z.string().optional(),
});
export type ScheduleRecord = z.infer<typeof ScheduleRecord>;

/** The record of a new schedule, first tick given (see fireTimes.ts). */
export function newScheduleRecord(schedule: NormalizedSchedule, now: Date, nextFireAt: number | undefined): ScheduleRecord {
  const at = now.toISOString();
  return {
    id: schedule.name, name: schedule.name, schedule, createdAt: at, updatedAt: at, triggerSince: at,
    nextFireAt: nextFireAt ?? null, jobs: [], jobsCreated: 0, skipped: [],
  };
}

/** The record with `job` added to its jobs (once: the same name again changes nothing). */
export function withJob(record: ScheduleRecord, job: ScheduledJob): ScheduleRecord {
  if (record.jobs.some((known) => known.name === job.name)) return record;
  return { ...record, jobs: [...record.jobs, job].slice(-MAX_JOBS_KEPT), jobsCreated: record.jobsCreated + 1 };
}

export function withSkip(record: ScheduleRecord, skip: SkippedTick): ScheduleRecord {
  if (record.skipped.some((known) => known.from === skip.from && known.to === skip.to)) return record;
  return { ...record, skipped: [...record.skipped, skip].slice(-MAX_SKIPS_KEPT) };
}
