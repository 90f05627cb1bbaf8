import type { ScheduleDeps } from '../deps';
import { withJob, withSkip, type ScheduledJob, type ScheduleRecord, type SkippedTick } from '../model/scheduleRecord';
import { fireTimesOf } from '../timing/fireTimes';
import { tickJobName } from '../timing/jobName';
import { planTicks } from '../timing/planTicks';
import { applyConcurrency } from './concurrencyPolicy';
import { submitTick } from './submitTick';

/** What one schedule did on a timer tick. */
export interface FiringResult {
  readonly schedule: string;
  /** Jobs of ticks fired now (new, or found already created by an earlier attempt at the same tick). */
  readonly jobs: readonly string[];
  readonly skipped: readonly SkippedTick[];
  readonly next: string | undefined;
}

/**
 * Fires a schedule's due ticks, exactly once each. The plan (planTicks) is a pure function of the
 * stored state and the time; each tick's job has a name derived from the tick, so submitting it
 * again — the same tick seen by two hosts, a repeated timer, a host that died before it recorded
 * the tick — finds the existing job instead of making another. The tick is recorded after its job
 * exists, with an ETag-conditioned write that merges with whatever another host recorded meanwhile.
 */
export async function fireSchedule(deps: ScheduleDeps, record: ScheduleRecord, now: Date): Promise<FiringResult> {
  const { schedule } = record;
  const times = fireTimesOf(schedule.trigger, Date.parse(record.triggerSince));
  const plan = planTicks({
    times, nextFireAt: record.nextFireAt ?? undefined, now: now.getTime(), catchUp: schedule.catch_up, ...(deps.lateAfterMs !== undefined && { lateAfterMs: deps.lateAfterMs }),
  });
  const jobs: ScheduledJob[] = [];
  const skipped: SkippedTick[] = plan.skipped ? [{ from: iso(plan.skipped.from), to: iso(plan.skipped.to), reason: plan.skipped.reason }] : [];
  for (const tick of plan.fire) {
    const name = tickJobName(schedule.name, tick);
    const job: ScheduledJob = { name, fireTime: iso(tick) };
    const skip = (reason: string) => skipped.push({ from: job.fireTime, to: job.fireTime, reason });
    // A job made for this tick by an earlier attempt stands, whatever the policy says now (it is
    // submitted again all the same: that starts its orchestration if the attempt died before).
    if ((await deps.submit.jobs.get(name)) === undefined) {
      const previous = [...record.jobs, ...jobs].filter((known) => known.fireTime < job.fireTime).at(-1);
      const reason = await applyConcurrency(deps, schedule.concurrency, previous, name);
      if (reason !== undefined) {
        skip(reason);
        continue;
      }
    }
    const submitted = await submitTick(deps, record, name);
    if (submitted.outcome === 'rejected') skip(submitted.reason);
    else jobs.push(job);
  }
  if (plan.fire.length === 0 && skipped.length === 0 && (plan.next ?? null) === record.nextFireAt) return result(record, jobs, skipped, plan.next);
  await deps.schedules.update(record.name, (current) => recordTicks(current, record, { jobs, skipped, next: plan.next, lastFire: plan.fire.at(-1) }));
  return result(record, jobs, skipped, plan.next);
}

interface Fired {
  readonly jobs: readonly ScheduledJob[];
  readonly skipped: readonly SkippedTick[];
  readonly next: number | undefined;
  readonly lastFire: number | undefined;
}

/**
 * The stored record with these ticks recorded. Another host may have recorded some or all of them
 * first (jobs and skips are kept once); the next tick only moves forward; and when the trigger
 * was changed meanwhile (PUT), the new trigger's next tick stands.
 */
function recordTicks(current: ScheduleRecord, seen: ScheduleRecord, fired: Fired): ScheduleRecord {
  let next = fired.jobs.reduce(withJob, current);
  next = fired.skipped.reduce(withSkip, next);
  const sameTiming = current.triggerSince === seen.triggerSince && JSON.stringify(current.schedule.trigger) === JSON.stringify(seen.schedule.trigger);
  if (sameTiming) next = { ...next, nextFireAt: later(current.nextFireAt, fired.next ?? null) };
  if (fired.lastFire !== undefined && (current.lastFireTime === undefined || Date.parse(current.lastFireTime) < fired.lastFire)) {
    next = { ...next, lastFireTime: iso(fired.lastFire) };
  }
  return next;
}

/** The later of two next ticks; null (none left) is later than any. */
function later(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : Math.max(a, b);
}

function result(record: ScheduleRecord, jobs: readonly ScheduledJob[], skipped: readonly SkippedTick[], next: number | undefined): FiringResult {
  return { schedule: record.name, jobs: jobs.map((job) => job.name), skipped, next: next === undefined ? undefined : iso(next) };
}

function iso(at: number): string {
  return new Date(at).toISOString();
}
