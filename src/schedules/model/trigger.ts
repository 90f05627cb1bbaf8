import { Cron } from 'croner';
import { z } from 'zod';
import { closestMatch } from '../../model/suggest';
import { strictObject } from '../../model/unknownFields';
import { knownTimeZoneNames, resolveTimeZone } from './timeZones';
import { parseScheduleTime } from './zonedTime';

/**
 * A schedule's `trigger`, as Azure ML's JobSchedule has it: `cron` (a 5-field NCRONTAB
 * `expression`) or `recurrence` (`frequency`, `interval`, and an optional `schedule` of hours,
 * minutes, week days and month days), both with optional `start_time`, `end_time` and `time_zone`.
 */

export const WEEK_DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type WeekDay = (typeof WEEK_DAYS)[number];
export const FREQUENCIES = ['minute', 'hour', 'day', 'week', 'month'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** One value or a list of them, as Azure ML accepts (`hours: 4` or `hours: [4, 16]`); always a sorted, unique list after parsing. */
function oneOrMany<T extends z.ZodType<number | string>>(item: T) {
  return z.union([item, z.array(item).min(1, { error: 'must list at least one value' })])
    .transform((value) => [...new Set(Array.isArray(value) ? value : [value])] as Array<z.infer<T>>);
}

const WeekDayName = z.string().transform((day, ctx) => {
  const lower = day.trim().toLowerCase();
  if ((WEEK_DAYS as readonly string[]).includes(lower)) return lower as WeekDay;
  const match = closestMatch(lower, WEEK_DAYS);
  ctx.addIssue({ code: 'custom', message: `must be a day of the week: ${WEEK_DAYS.join(', ')} (got "${day}")${match ? ` — did you mean "${match}"?` : ''}` });
  return z.NEVER;
});

export const RecurrencePattern = strictObject({
  hours: oneOrMany(z.int().min(0).max(23)).optional(),
  minutes: oneOrMany(z.int().min(0).max(59)).optional(),
  week_days: oneOrMany(WeekDayName).optional(),
  month_days: oneOrMany(z.int().min(1).max(31)).optional(),
});
export type RecurrencePattern = z.infer<typeof RecurrencePattern>;

/** `start_time`, `end_time` (ISO 8601; without an offset, local to `time_zone`) and `time_zone` (IANA or Windows name; default UTC). */
const triggerTimes = {
  start_time: z.string().optional(),
  end_time: z.string().optional(),
  time_zone: z.string().superRefine((zone, ctx) => {
    if (resolveTimeZone(zone) !== undefined) return;
    const match = closestMatch(zone, knownTimeZoneNames());
    ctx.addIssue({
      code: 'custom',
      message: `unknown time zone ${JSON.stringify(zone)}; use an IANA name such as "Europe/Berlin" or a Windows name such as "Pacific Standard Time"${match ? ` — did you mean "${match}"?` : ''}`,
    });
  }).optional(),
};

export const CronTrigger = strictObject({
  type: z.literal('cron'),
  /** `{minute} {hour} {day} {month} {day-of-week}`, e.g. `0 2 * * *`. */
  expression: z.string(),
  ...triggerTimes,
}).superRefine((trigger, ctx) => {
  const problem = cronProblem(trigger.expression);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', path: ['expression'], message: problem });
  checkTimes(trigger, ctx);
});
export type CronTrigger = z.infer<typeof CronTrigger>;

export const RecurrenceTrigger = strictObject({
  type: z.literal('recurrence'),
  frequency: z.enum(FREQUENCIES),
  interval: z.int().min(1).max(1000),
  schedule: RecurrencePattern.optional(),
  ...triggerTimes,
}).superRefine((trigger, ctx) => {
  for (const [field, allowed] of PATTERN_FIELDS) {
    if (trigger.schedule?.[field] !== undefined && !allowed.includes(trigger.frequency)) {
      ctx.addIssue({ code: 'custom', path: ['schedule', field], params: { at: 'key' }, message: `applies only with frequency ${allowed.join(' or ')} (this trigger's frequency is ${trigger.frequency})` });
    }
  }
  if (trigger.schedule?.week_days !== undefined && trigger.schedule.month_days !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['schedule', 'month_days'], params: { at: 'key' }, message: 'give week_days or month_days, not both' });
  }
  checkTimes(trigger, ctx);
});
export type RecurrenceTrigger = z.infer<typeof RecurrenceTrigger>;

const PATTERN_FIELDS: ReadonlyArray<readonly [keyof RecurrencePattern, readonly Frequency[]]> = [
  ['hours', ['day', 'week', 'month']],
  ['minutes', ['hour', 'day', 'week', 'month']],
  ['week_days', ['week', 'month']],
  ['month_days', ['month']],
];

export const Trigger = z.discriminatedUnion('type', [CronTrigger, RecurrenceTrigger]);
export type Trigger = z.infer<typeof Trigger>;

/** What is wrong with a cron expression, or undefined when it is a valid 5-field NCRONTAB expression. */
export function cronProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/).filter(Boolean);
  if (fields.length !== 5) {
    return `expected 5 fields "{minute} {hour} {day} {month} {day-of-week}" such as "0 2 * * *", got ${fields.length} (${JSON.stringify(expression)})`;
  }
  try {
    new Cron(fields.join(' '), { paused: true, timezone: 'UTC', legacyMode: false });
    return undefined;
  } catch (err) {
    return `not a valid NCRONTAB expression ${JSON.stringify(expression)}: ${(err as Error).message.replace(/^CronPattern: /, '')}`;
  }
}

function checkTimes(trigger: { start_time?: string | undefined; end_time?: string | undefined; time_zone?: string | undefined }, ctx: z.RefinementCtx): void {
  const zone = resolveTimeZone(trigger.time_zone);
  if (zone === undefined) return; // reported on time_zone itself
  const times: Partial<Record<'start_time' | 'end_time', number>> = {};
  for (const field of ['start_time', 'end_time'] as const) {
    const text = trigger[field];
    if (text === undefined) continue;
    const at = parseScheduleTime(text, zone);
    if (at === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `expected an ISO 8601 date-time such as "2026-03-01T02:00:00" (local to time_zone) or "2026-03-01T01:00:00Z", got ${JSON.stringify(text)}` });
    else times[field] = at;
  }
  if (times.start_time !== undefined && times.end_time !== undefined && times.end_time <= times.start_time) {
    ctx.addIssue({ code: 'custom', path: ['end_time'], message: `must be after start_time (${trigger.start_time})` });
  }
}
