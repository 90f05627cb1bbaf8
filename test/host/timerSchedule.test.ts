import { describe, expect, it } from 'vitest';
import { parseTimeSpan } from '../../src/host/runtime/timeSpan';
import { parseSchedule, scheduleTimeZone } from '../../src/host/triggers/timerSchedule';
import { checkPastDue, NEVER } from '../../src/host/triggers/scheduleMonitor';

const T0 = Date.UTC(2026, 0, 1);
const iso = (ms: number): string => new Date(ms).toISOString();

describe('timer schedules', () => {
  it('parses TimeSpans with days and fractions, and names the setting when invalid', () => {
    expect(parseTimeSpan('00:05:00', 'x')).toBe(300_000);
    expect(parseTimeSpan('1.02:00:00.5', 'x')).toBe(26 * 3_600_000 + 500);
    expect(() => parseTimeSpan('5 minutes', 'host.json extensions.queues.visibilityTimeout'))
      .toThrow('host.json extensions.queues.visibilityTimeout: "5 minutes" is not a TimeSpan');
    expect(() => parseTimeSpan('00:61:00', 'x')).toThrow('minute/second above 59');
  });

  it('reads six-field NCRONTAB with seconds, and the five-field form', () => {
    expect(parseSchedule('30 */15 * * * *', 'UTC', 'w').next(T0)).toBe(T0 + 30_000);
    expect(parseSchedule('*/15 * * * *', 'UTC', 'w').next(T0)).toBe(T0 + 15 * 60_000);
  });

  it('requires both day of month and day of week when both are set, as NCRONTAB does', () => {
    // The 13th that is a Friday, after 2026-01-01: February 13, 2026.
    expect(iso(parseSchedule('0 0 0 13 * 5', 'UTC', 'w').next(T0))).toBe('2026-02-13T00:00:00.000Z');
  });

  it('explains an expression that is neither NCRONTAB nor TimeSpan', () => {
    expect(() => parseSchedule('every day', 'UTC', 'Function "t", timer trigger schedule'))
      .toThrow('Function "t", timer trigger schedule: "every day" is neither an NCRONTAB expression');
  });

  it('takes the time zone from WEBSITE_TIME_ZONE, then TZ, and ignores names that are not zones', () => {
    const invalid: string[] = [];
    expect(scheduleTimeZone({ WEBSITE_TIME_ZONE: 'Europe/Lisbon', TZ: 'Asia/Tokyo' }, () => undefined)).toBe('Europe/Lisbon');
    expect(scheduleTimeZone({ WEBSITE_TIME_ZONE: 'Not/AZone', TZ: 'Asia/Tokyo' }, (s) => invalid.push(s))).toBe('Asia/Tokyo');
    expect(invalid).toEqual(['WEBSITE_TIME_ZONE']);
    expect(scheduleTimeZone({}, () => undefined)).toBe('UTC');
  });
});

describe('schedule status at start-up', () => {
  const every5 = parseSchedule('0 */5 * * * *', 'UTC', 'w');

  it('records a first status with the next occurrence from now', () => {
    expect(checkPastDue(undefined, every5, T0 + 1000)).toEqual({
      status: { Last: NEVER, Next: iso(T0 + 300_000), LastUpdated: iso(T0 + 1000) }, pastDue: false, changed: true,
    });
  });

  it('is past due when the recorded next occurrence has gone by', () => {
    const status = { Last: iso(T0), Next: iso(T0 + 300_000), LastUpdated: iso(T0) };
    expect(checkPastDue(status, every5, T0 + 200_000)).toMatchObject({ pastDue: false, changed: false });
    expect(checkPastDue(status, every5, T0 + 900_000)).toMatchObject({ pastDue: true, changed: false });
  });

  it('recomputes Next for a changed schedule without calling it past due', () => {
    const hourly = parseSchedule('0 0 * * * *', 'UTC', 'w');
    const status = { Last: iso(T0), Next: iso(T0 + 300_000), LastUpdated: iso(T0) };
    expect(checkPastDue(status, hourly, T0 + 7_200_000 + 1)).toEqual({
      status: { Last: NEVER, Next: iso(T0 + 3 * 3_600_000), LastUpdated: iso(T0 + 7_200_000 + 1) }, pastDue: false, changed: true,
    });
  });
});
