import type { ScheduleRecord } from '../model/scheduleRecord';
import { redactScheduleSecrets } from '../scheduleSecrets';
import { fireTimesOf } from '../timing/fireTimes';

/**
 * A schedule as the API shows it: Azure ML's JobSchedule fields (secret values as `***`), then its
 * state — next and last fire time, the next few fire times, the jobs it created (newest first)
 * and the ticks it skipped.
 */
export function scheduleView(record: ScheduleRecord, options: { upcoming?: number } = {}) {
  const { name, display_name, description, tags, properties, is_enabled, trigger, create_job, catch_up, concurrency } = redactScheduleSecrets(record.schedule);
  return {
    name,
    ...(display_name !== undefined && { display_name }),
    ...(description !== undefined && { description }),
    tags, properties, is_enabled, trigger, create_job, catch_up, concurrency,
    creation_context: { created_at: record.createdAt, last_modified_at: record.updatedAt },
    next_fire_time: is_enabled && record.nextFireAt !== null ? new Date(record.nextFireAt).toISOString() : null,
    ...(record.lastFireTime !== undefined && { last_fire_time: record.lastFireTime }),
    ...(options.upcoming !== undefined && { upcoming_fire_times: upcomingFireTimes(record, options.upcoming) }),
    jobs_created: record.jobsCreated,
    jobs: [...record.jobs].reverse().map((job) => ({ name: job.name, fire_time: job.fireTime, ...(job.manual && { manual: true }) })),
    skipped_ticks: [...record.skipped].reverse(),
  };
}
export type ScheduleView = ReturnType<typeof scheduleView>;

/** The next `count` fire times of an enabled schedule (none for a disabled or ended one). */
export function upcomingFireTimes(record: ScheduleRecord, count: number): string[] {
  if (!record.schedule.is_enabled || record.nextFireAt === null) return [];
  const times = fireTimesOf(record.schedule.trigger, Date.parse(record.triggerSince));
  const upcoming: string[] = [];
  for (let at: number | undefined = record.nextFireAt; at !== undefined && upcoming.length < count; at = times.nextAfter(at)) upcoming.push(new Date(at).toISOString());
  return upcoming;
}
