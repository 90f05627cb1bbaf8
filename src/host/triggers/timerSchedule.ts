import { Cron } from 'croner';
import { isTimeSpan, parseTimeSpan } from '../runtime/timeSpan';

/**
 * A timer trigger's `schedule`: an NCRONTAB expression (`{second} {minute} {hour} {day} {month}
 * {day-of-week}`, or the 5-field form without seconds) evaluated in the host's time zone, or a
 * TimeSpan (`00:05:00`) that repeats that long after each run.
 */
export interface TimerSchedule {
  readonly expression: string;
  readonly kind: 'cron' | 'timespan';
  /** The first occurrence strictly after `after` (epoch ms). */
  next(after: number): number;
  /** The gap between the two occurrences following `from` (for the useMonitor default). */
  intervalAfter(from: number): number;
}

export function parseSchedule(expression: string, timeZone: string, where: string): TimerSchedule {
  const text = expression.trim();
  if (isTimeSpan(text)) {
    const every = parseTimeSpan(text, where);
    if (every <= 0) throw new Error(`${where}: TimeSpan schedule "${text}" must be longer than zero.`);
    return { expression: text, kind: 'timespan', next: (after) => after + every, intervalAfter: () => every };
  }
  let cron: Cron;
  try {
    // legacyMode false: day-of-month and day-of-week must both match, as in NCRONTAB.
    cron = new Cron(text, { paused: true, timezone: timeZone, legacyMode: false });
  } catch (err) {
    throw new Error(`${where}: "${text}" is neither an NCRONTAB expression ("{second} {minute} {hour} {day} {month} {day-of-week}", e.g. "0 */5 * * * *") nor a TimeSpan ("00:05:00"): ${(err as Error).message}`, { cause: err });
  }
  const next = (after: number): number => {
    const at = cron.nextRun(new Date(after));
    if (!at) throw new Error(`${where}: "${text}" has no occurrence after ${new Date(after).toISOString()}.`);
    return at.getTime();
  };
  return {
    expression: text,
    kind: 'cron',
    next,
    intervalAfter: (from) => {
      const first = next(from);
      return next(first) - first;
    },
  };
}

/**
 * The time zone of NCRONTAB schedules: `WEBSITE_TIME_ZONE`, then `TZ`, when they name an IANA
 * zone; UTC otherwise (as on Azure). `onInvalid` hears about a setting that is not a zone.
 */
export function scheduleTimeZone(env: NodeJS.ProcessEnv, onInvalid: (setting: string, value: string) => void): string {
  for (const setting of ['WEBSITE_TIME_ZONE', 'TZ']) {
    const value = env[setting];
    if (!value) continue;
    if (isIanaZone(value)) return value;
    onInvalid(setting, value);
  }
  return 'UTC';
}

function isIanaZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
