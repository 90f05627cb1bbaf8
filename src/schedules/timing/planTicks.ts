import type { CatchUp } from '../model/scheduleSpec';
import { HOUR, MINUTE } from '../model/zonedTime';
import type { FireTimes } from './fireTimes';

/**
 * Which ticks of a schedule to fire now. A tick is due once its time has come; it is *on time*
 * while it is less than `lateAfterMs` old (a host ticks every minute, so a running host always
 * sees its ticks on time) and *missed* after that — no host ran when it came. On-time ticks always
 * fire; missed ones follow `catch_up`: `none` fires none, `last` only the latest one (and none
 * when an on-time tick fires anyway), `all` every one (the latest `maxCatchUp`, if more were missed).
 * Pure: the same state and `now` give the same plan, on any host.
 */

export interface TickPlanInput {
  readonly times: FireTimes;
  /** The schedule's next unfired tick (undefined: none is left). */
  readonly nextFireAt: number | undefined;
  readonly now: number;
  readonly catchUp: CatchUp;
  readonly lateAfterMs?: number;
  readonly maxCatchUp?: number;
}

export interface SkippedTicks {
  /** The first skipped tick, and the last when several were. */
  readonly from: number;
  readonly to: number;
  readonly reason: string;
}

export interface TickPlan {
  /** Ticks to fire, oldest first. */
  readonly fire: readonly number[];
  readonly skipped?: SkippedTicks;
  /** The schedule's next tick after this plan: the first one after `now`. */
  readonly next: number | undefined;
}

export const DEFAULT_LATE_AFTER_MS = 5 * MINUTE;
export const DEFAULT_MAX_CATCH_UP = 100;

export function planTicks(input: TickPlanInput): TickPlan {
  const { times, nextFireAt, now, catchUp } = input;
  if (nextFireAt === undefined || nextFireAt > now) return { fire: [], next: nextFireAt };
  const onTimeFrom = now - (input.lateAfterMs ?? DEFAULT_LATE_AFTER_MS);
  const onTime = ticksBetween(times, Math.max(nextFireAt, onTimeFrom), now);
  const next = times.nextAfter(now);
  if (nextFireAt >= onTimeFrom) return { fire: onTime, next };

  const lastMissed = latestBefore(times, nextFireAt, onTimeFrom);
  if (lastMissed === undefined) return { fire: onTime, next };
  const missed = { from: nextFireAt, to: lastMissed };
  if (catchUp === 'none') return { fire: onTime, skipped: { ...missed, reason: 'missed: no host ran at its time (catch_up: none)' }, next };
  if (catchUp === 'last') {
    if (onTime.length > 0) return { fire: onTime, skipped: { ...missed, reason: 'missed: no host ran at its time; a newer tick fires on time (catch_up: last)' }, next };
    const older = lastMissed > nextFireAt ? { skipped: { from: nextFireAt, to: previousOf(times, nextFireAt, lastMissed), reason: 'missed: no host ran at its time; only the latest missed tick fires (catch_up: last)' } } : {};
    return { fire: [lastMissed], ...older, next };
  }
  const max = input.maxCatchUp ?? DEFAULT_MAX_CATCH_UP;
  const caughtUp = lastTicks(times, nextFireAt, onTimeFrom, max);
  const skipped = caughtUp[0] !== undefined && caughtUp[0] > nextFireAt
    ? { skipped: { from: nextFireAt, to: previousOf(times, nextFireAt, caughtUp[0]), reason: `missed: more than ${max} ticks were missed; the latest ${max} fire (catch_up: all)` } }
    : {};
  return { fire: [...caughtUp, ...onTime], ...skipped, next };
}

/** Ticks in [from, to], oldest first. */
function ticksBetween(times: FireTimes, from: number, to: number): number[] {
  const ticks: number[] = [];
  for (let at = times.nextAfter(from - 1); at !== undefined && at <= to; at = times.nextAfter(at)) ticks.push(at);
  return ticks;
}

/** The latest `max` ticks in [from, before). */
function lastTicks(times: FireTimes, from: number, before: number, max: number): number[] {
  const ticks: number[] = [];
  for (let at = times.nextAfter(from - 1); at !== undefined && at < before; at = times.nextAfter(at)) {
    ticks.push(at);
    if (ticks.length > max) ticks.shift();
  }
  return ticks;
}

/** The latest tick in [from, before), searching back in growing windows (schedules may tick every minute or once a year). */
function latestBefore(times: FireTimes, from: number, before: number): number | undefined {
  for (let window = HOUR; ; window *= 8) {
    const windowStart = Math.max(from, before - window);
    let latest: number | undefined;
    for (let at = times.nextAfter(windowStart - 1); at !== undefined && at < before; at = times.nextAfter(at)) latest = at;
    if (latest !== undefined || windowStart === from) return latest;
  }
}

/** The tick before `tick` (at or after `from`). */
function previousOf(times: FireTimes, from: number, tick: number): number {
  return latestBefore(times, from, tick) ?? from;
}
