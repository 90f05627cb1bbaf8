import { describe, expect, it } from 'vitest';
import { Trigger } from '../../src/schedules/model/trigger';
import { fireTimesOf } from '../../src/schedules/timing/fireTimes';

/** The first `count` fire times after `from` (ISO, UTC) of a trigger defined at `from`. */
function fires(trigger: Record<string, unknown>, from: string, count: number): string[] {
  const times = fireTimesOf(Trigger.parse(trigger), Date.parse(from));
  const out: string[] = [];
  for (let at = times.nextAfter(Date.parse(from) - 1); at !== undefined && out.length < count; at = times.nextAfter(at)) out.push(new Date(at).toISOString().slice(0, 16));
  return out;
}

const cron = (expression: string, time_zone?: string, extra: Record<string, unknown> = {}) => ({ type: 'cron', expression, ...(time_zone && { time_zone }), ...extra });
const recurrence = (frequency: string, interval: number, extra: Record<string, unknown> = {}) => ({ type: 'recurrence', frequency, interval, ...extra });

describe('cron fire times across DST in Europe/Berlin', () => {
  it('fires a daily 02:30 on the spring-forward day at 03:30 local, once', () => {
    expect(fires(cron('30 2 * * *', 'Europe/Berlin'), '2026-03-28T00:00:00Z', 3)).toEqual(['2026-03-28T01:30', '2026-03-29T01:30', '2026-03-30T00:30']);
  });

  it('fires a daily 02:30 on the fall-back day once, on the first pass of the repeated hour', () => {
    expect(fires(cron('30 2 * * *', 'Europe/Berlin'), '2026-10-24T00:00:00Z', 3)).toEqual(['2026-10-24T00:30', '2026-10-25T00:30', '2026-10-26T01:30']);
  });

  it('keeps an every-20-minutes expression at 20 minutes of real time through the repeated hour', () => {
    const ticks = fires(cron('*/20 * * * *', 'Europe/Berlin'), '2026-10-25T00:00:00Z', 10);
    expect(ticks).toEqual(['00:00', '00:20', '00:40', '01:00', '01:20', '01:40', '02:00', '02:20', '02:40', '03:00'].map((t) => `2026-10-25T${t}`));
  });

  it('keeps an every-20-minutes expression at 20 minutes of real time over the skipped hour', () => {
    const ticks = fires(cron('*/20 * * * *', 'Europe/Berlin'), '2026-03-29T00:00:00Z', 7);
    expect(ticks).toEqual(['00:00', '00:20', '00:40', '01:00', '01:20', '01:40', '02:00'].map((t) => `2026-03-29T${t}`));
  });

  it('fires times inside the gap once each, shifted by the gap, without doubling the times after it', () => {
    expect(fires(cron('0,30 2,3 * * *', 'Europe/Berlin'), '2026-03-29T00:00:00Z', 3)).toEqual(['2026-03-29T01:00', '2026-03-29T01:30', '2026-03-30T00:00']);
  });

  it('starts the search inside the repeated hour and still finds the second pass of an hourly expression', () => {
    // 00:50Z is 02:50 CEST, the first pass; 02:15 CET (01:15Z) is still to come.
    expect(fires(cron('15 * * * *', 'Europe/Berlin'), '2026-10-25T00:50:00Z', 2)).toEqual(['2026-10-25T01:15', '2026-10-25T02:15']);
  });
});

describe('cron fire times across DST in America/Los_Angeles', () => {
  it('fires a daily 02:30 at 03:30 PDT on the spring-forward day', () => {
    expect(fires(cron('30 2 * * *', 'America/Los_Angeles'), '2026-03-07T00:00:00Z', 3)).toEqual(['2026-03-07T10:30', '2026-03-08T10:30', '2026-03-09T09:30']);
  });

  it('fires a daily 01:30 once on the fall-back day, at 01:30 PDT', () => {
    expect(fires(cron('30 1 * * *', 'America/Los_Angeles'), '2026-10-31T00:00:00Z', 3)).toEqual(['2026-10-31T08:30', '2026-11-01T08:30', '2026-11-02T09:30']);
  });

  it('fires an hourly expression in both passes of the repeated hour', () => {
    expect(fires(cron('15 * * * *', 'America/Los_Angeles'), '2026-11-01T07:00:00Z', 4)).toEqual(['2026-11-01T07:15', '2026-11-01T08:15', '2026-11-01T09:15', '2026-11-01T10:15']);
  });

  it('reads the Windows name "Pacific Standard Time" as America/Los_Angeles', () => {
    expect(fires(cron('0 9 * * *', 'Pacific Standard Time'), '2026-03-07T00:00:00Z', 2)).toEqual(['2026-03-07T17:00', '2026-03-08T16:00']);
  });
});

describe('cron fire times by the calendar', () => {
  it('skips months without a 31st', () => {
    expect(fires(cron('0 0 31 * *'), '2026-01-01T00:00:00Z', 3)).toEqual(['2026-01-31T00:00', '2026-03-31T00:00', '2026-05-31T00:00']);
  });

  it('fires on the last day of each month with L', () => {
    expect(fires(cron('0 12 L * *'), '2028-01-15T00:00:00Z', 3)).toEqual(['2028-01-31T12:00', '2028-02-29T12:00', '2028-03-31T12:00']);
  });

  it('needs both day of month and day of week when both are given (NCRONTAB)', () => {
    expect(fires(cron('0 0 13 * 5'), '2026-01-01T00:00:00Z', 2)).toEqual(['2026-02-13T00:00', '2026-03-13T00:00']);
  });

  it('does not fire before start_time, nor after end_time', () => {
    const trigger = cron('0 * * * *', undefined, { start_time: '2026-05-01T10:30:00', end_time: '2026-05-01T13:00:00' });
    expect(fires(trigger, '2026-01-01T00:00:00Z', 10)).toEqual(['2026-05-01T11:00', '2026-05-01T12:00', '2026-05-01T13:00']);
  });

  it('reads a start_time without an offset as local to time_zone', () => {
    const trigger = cron('0 * * * *', 'Europe/Berlin', { start_time: '2026-05-01T10:30:00' });
    expect(fires(trigger, '2026-01-01T00:00:00Z', 1)).toEqual(['2026-05-01T09:00']);
  });

  it('starts from when it was defined when no start_time is given', () => {
    expect(fires(cron('*/5 * * * *'), '2026-05-01T10:02:10Z', 2)).toEqual(['2026-05-01T10:05', '2026-05-01T10:10']);
  });
});

describe('recurrence fire times', () => {
  it('fires every 5 minutes of real time from the start', () => {
    expect(fires(recurrence('minute', 5, { start_time: '2026-05-01T10:02:00Z' }), '2026-04-01T00:00:00Z', 3)).toEqual(['2026-05-01T10:02', '2026-05-01T10:07', '2026-05-01T10:12']);
  });

  it('fires at once when it has no start_time', () => {
    expect(fires(recurrence('hour', 6), '2026-05-01T10:02:30Z', 2)).toEqual(['2026-05-01T10:03', '2026-05-01T16:03']);
  });

  it('fires at the given minutes of every second hour', () => {
    expect(fires(recurrence('hour', 2, { start_time: '2026-05-01T09:10:00Z', schedule: { minutes: [0, 30] } }), '2026-04-01T00:00:00Z', 4))
      .toEqual(['2026-05-01T09:30', '2026-05-01T11:00', '2026-05-01T11:30', '2026-05-01T13:00']);
  });

  it('keeps the local time of a daily recurrence every third day across DST (Windows zone name)', () => {
    const trigger = recurrence('day', 3, { start_time: '2026-03-02T10:15:00', time_zone: 'Pacific Standard Time' });
    expect(fires(trigger, '2026-03-01T00:00:00Z', 4)).toEqual(['2026-03-02T18:15', '2026-03-05T18:15', '2026-03-08T17:15', '2026-03-11T17:15']);
  });

  it('fires at hours × minutes each day', () => {
    const trigger = recurrence('day', 1, { start_time: '2026-05-01T00:00:00Z', schedule: { hours: [4, 16], minutes: [0, 30] } });
    expect(fires(trigger, '2026-04-01T00:00:00Z', 5)).toEqual(['2026-05-01T04:00', '2026-05-01T04:30', '2026-05-01T16:00', '2026-05-01T16:30', '2026-05-02T04:00']);
  });

  it('takes minute 0 when only hours are given', () => {
    expect(fires(recurrence('day', 1, { start_time: '2026-05-01T07:45:00Z', schedule: { hours: 9 } }), '2026-04-01T00:00:00Z', 2)).toEqual(['2026-05-01T09:00', '2026-05-02T09:00']);
  });

  it('fires on the week days of every other week (weeks from Monday), at local time across DST', () => {
    const trigger = recurrence('week', 2, { start_time: '2026-03-02T00:00:00', time_zone: 'Europe/Berlin', schedule: { week_days: ['Monday', 'friday'], hours: [9] } });
    expect(fires(trigger, '2026-03-01T00:00:00Z', 6)).toEqual(['2026-03-02T08:00', '2026-03-06T08:00', '2026-03-16T08:00', '2026-03-20T08:00', '2026-03-30T07:00', '2026-04-03T07:00']);
  });

  it('fires on the start day of the week and time when a weekly recurrence has no schedule', () => {
    expect(fires(recurrence('week', 1, { start_time: '2026-05-06T08:20:00Z' }), '2026-04-01T00:00:00Z', 2)).toEqual(['2026-05-06T08:20', '2026-05-13T08:20']);
  });

  it('fires on month days of every third month, skipping months that lack the day', () => {
    const trigger = recurrence('month', 1, { start_time: '2026-01-01T00:00:00Z', schedule: { month_days: [30], hours: [6] } });
    expect(fires(trigger, '2026-01-01T00:00:00Z', 3)).toEqual(['2026-01-30T06:00', '2026-03-30T06:00', '2026-04-30T06:00']);
    const quarterly = recurrence('month', 3, { start_time: '2026-01-01T00:00:00Z', schedule: { month_days: 1, hours: 6 } });
    expect(fires(quarterly, '2026-01-01T00:00:00Z', 3)).toEqual(['2026-01-01T06:00', '2026-04-01T06:00', '2026-07-01T06:00']);
  });

  it('fires on the given week days of a monthly recurrence', () => {
    const trigger = recurrence('month', 2, { start_time: '2026-01-01T00:00:00Z', schedule: { week_days: 'sunday', hours: 5 } });
    expect(fires(trigger, '2026-01-01T00:00:00Z', 6)).toEqual(['2026-01-04T05:00', '2026-01-11T05:00', '2026-01-18T05:00', '2026-01-25T05:00', '2026-03-01T05:00', '2026-03-08T05:00']);
  });
});
