import { Cron } from 'croner';
import type { CronTrigger, RecurrenceTrigger, Trigger, WeekDay } from '../model/trigger';
import { resolveTimeZone } from '../model/timeZones';
import { ceilMinute, DAY, HOUR, MINUTE, parseScheduleTime, wallOf } from '../model/zonedTime';
import { WallClockOccurrences, type WallMatcher } from './wallClockOccurrences';

/**
 * When a trigger fires: every fire time is a whole minute, at or after `start_time` (default: when
 * the trigger was defined) and at or before `end_time`.
 * - cron: the expression on the wall clock of `time_zone` (DST rules in wallClockOccurrences.ts).
 * - recurrence, minute or hour: every `interval` minutes or hours of real time from the start; with
 *   `schedule.minutes`, at those minutes of every `interval`-th hour.
 * - recurrence, day / week / month: on the wall clock, at `schedule.hours` × `schedule.minutes`
 *   (default: the start's hour, and its minute — or 0 when hours are given) on every
 *   `interval`-th day, week (Monday to Sunday; `week_days`, default the start's) or month
 *   (`month_days` or `week_days`, default the start's day of the month; a month without that day
 *   is skipped).
 */
export interface FireTimes {
  /** The first fire time strictly after `after` (epoch ms), or undefined when none is left. */
  nextAfter(after: number): number | undefined;
}

export function fireTimesOf(trigger: Trigger, definedAt: number): FireTimes {
  const zone = resolveTimeZone(trigger.time_zone);
  if (zone === undefined) throw new Error(`unknown time zone "${trigger.time_zone}" (the schedule should not have passed validation)`);
  const start = ceilMinute(boundOf(trigger.start_time, zone) ?? definedAt);
  const end = boundOf(trigger.end_time, zone) ?? Infinity;
  const times = trigger.type === 'cron' ? cronTimes(trigger, zone) : recurrenceTimes(trigger, zone, start);
  return {
    nextAfter(after) {
      const next = times.nextAfter(Math.max(after, start - 1));
      return next !== undefined && next <= end ? next : undefined;
    },
  };
}

function boundOf(text: string | undefined, zone: string): number | undefined {
  return text === undefined ? undefined : parseScheduleTime(text, zone);
}

function cronTimes(trigger: CronTrigger, zone: string): FireTimes {
  const expression = trigger.expression.trim().split(/\s+/).join(' ');
  const hourField = expression.split(' ')[1] ?? '';
  return new WallClockOccurrences(cronMatcher(expression), zone, /^\*(\/1)?$/.test(hourField));
}

function cronMatcher(expression: string, keep: (wall: number) => boolean = () => true): WallMatcher {
  const cron = new Cron(expression, { paused: true, timezone: 'UTC', legacyMode: false });
  return (afterWall) => {
    for (let wall = afterWall, tries = 0; tries < 10_000; tries++) {
      const next = cron.nextRun(new Date(wall))?.getTime();
      if (next === undefined || keep(next)) return next;
      wall = next;
    }
    return undefined;
  };
}

function recurrenceTimes(trigger: RecurrenceTrigger, zone: string, start: number): FireTimes {
  const { frequency, interval, schedule = {} } = trigger;
  if (frequency === 'minute') return everyPeriod(start, interval * MINUTE, [0]);
  if (frequency === 'hour') {
    if (schedule.minutes === undefined) return everyPeriod(start, interval * HOUR, [0]);
    const hourStart = start - (new Date(wallOf(start, zone)).getUTCMinutes() * MINUTE);
    return everyPeriod(hourStart, interval * HOUR, schedule.minutes.map((minute) => minute * MINUTE));
  }
  const anchor = new Date(wallOf(start, zone));
  const hours = schedule.hours ?? [anchor.getUTCHours()];
  const minutes = schedule.minutes ?? (schedule.hours === undefined ? [anchor.getUTCMinutes()] : [0]);
  let days = '*';
  let weekDays = '*';
  if (frequency === 'week') weekDays = cronDays(schedule.week_days ?? [WEEK_DAY_OF[anchor.getUTCDay()]!]);
  if (frequency === 'month' && schedule.week_days !== undefined) weekDays = cronDays(schedule.week_days);
  else if (frequency === 'month') days = (schedule.month_days ?? [anchor.getUTCDate()]).join(',');
  const anchorPeriod = periodIndex(frequency, anchor.getTime());
  const inStep = (wall: number) => (periodIndex(frequency, wall) - anchorPeriod) % interval === 0;
  return new WallClockOccurrences(cronMatcher(`${minutes.join(',')} ${hours.join(',')} ${days} * ${weekDays}`, interval === 1 ? undefined : inStep), zone, false);
}

/** Occurrences `origin + k·period + offset` (k ≥ 0) for each offset. */
function everyPeriod(origin: number, period: number, offsets: readonly number[]): FireTimes {
  const sorted = [...offsets].sort((a, b) => a - b);
  return {
    nextAfter(after) {
      const first = Math.max(0, Math.floor((after - origin) / period));
      for (let k = first; k <= first + 1; k++) {
        const found = sorted.map((offset) => origin + k * period + offset).find((at) => at > after);
        if (found !== undefined) return found;
      }
      return undefined;
    },
  };
}

const WEEK_DAY_OF: readonly WeekDay[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

function cronDays(days: readonly WeekDay[]): string {
  return days.map((day) => WEEK_DAY_OF.indexOf(day)).join(',');
}

/** Days since 1970-01-01, Monday-based weeks, or months since 1970, of a wall time. */
function periodIndex(frequency: 'day' | 'week' | 'month', wall: number): number {
  const day = Math.floor(wall / DAY);
  if (frequency === 'day') return day;
  if (frequency === 'week') return Math.floor((day + 3) / 7); // 1970-01-01 was a Thursday
  const date = new Date(wall);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}
