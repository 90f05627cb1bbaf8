import { describe, expect, it } from 'vitest';
import { Trigger } from '../../src/schedules/model/trigger';
import { fireTimesOf } from '../../src/schedules/timing/fireTimes';
import { manualJobName, tickJobName } from '../../src/schedules/timing/jobName';
import { planTicks, type TickPlanInput } from '../../src/schedules/timing/planTicks';
import { JobName } from '../../src/model/names';

const T0 = Date.parse('2026-05-01T00:00:00Z');
const hourly = fireTimesOf(Trigger.parse({ type: 'cron', expression: '0 * * * *' }), T0);
const at = (iso: string) => Date.parse(`2026-05-01T${iso}Z`);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString().slice(11, 16));

function plan(input: Partial<TickPlanInput> & { now: number; nextFireAt: number | undefined }) {
  const result = planTicks({ times: hourly, catchUp: 'last', ...input });
  return { fire: result.fire.map(iso), next: iso(result.next), skipped: result.skipped && { from: iso(result.skipped.from), to: iso(result.skipped.to), reason: result.skipped.reason } };
}

describe('planning the ticks to fire', () => {
  it('fires nothing before the next tick', () => {
    expect(plan({ nextFireAt: at('10:00'), now: at('09:59') })).toEqual({ fire: [], next: '10:00', skipped: undefined });
  });

  it('fires the due tick, late by less than the on-time window, and moves to the next', () => {
    expect(plan({ nextFireAt: at('10:00'), now: at('10:03') })).toEqual({ fire: ['10:00'], next: '11:00', skipped: undefined });
  });

  it('fires nothing once no tick is left (after end_time)', () => {
    expect(plan({ nextFireAt: undefined, now: at('10:00') })).toEqual({ fire: [], next: undefined, skipped: undefined });
  });

  it('with catch_up last, fires only the latest of the ticks missed while no host ran', () => {
    expect(plan({ nextFireAt: at('07:00'), now: at('10:30') })).toEqual({
      fire: ['10:00'], next: '11:00', skipped: { from: '07:00', to: '09:00', reason: expect.stringContaining('catch_up: last') },
    });
  });

  it('with catch_up last, fires only the on-time tick when one is due, skipping every missed one', () => {
    expect(plan({ nextFireAt: at('07:00'), now: at('10:00:30') })).toEqual({
      fire: ['10:00'], next: '11:00', skipped: { from: '07:00', to: '09:00', reason: expect.stringContaining('a newer tick fires on time') },
    });
  });

  it('with catch_up none, fires no missed tick', () => {
    expect(plan({ nextFireAt: at('07:00'), now: at('10:30'), catchUp: 'none' })).toEqual({
      fire: [], next: '11:00', skipped: { from: '07:00', to: '10:00', reason: expect.stringContaining('catch_up: none') },
    });
  });

  it('with catch_up all, fires every missed tick, oldest first, then the on-time one', () => {
    expect(plan({ nextFireAt: at('07:00'), now: at('10:01'), catchUp: 'all' })).toEqual({ fire: ['07:00', '08:00', '09:00', '10:00'], next: '11:00', skipped: undefined });
  });

  it('with catch_up all, fires only the latest maxCatchUp missed ticks', () => {
    expect(plan({ nextFireAt: at('01:00'), now: at('10:30'), catchUp: 'all', maxCatchUp: 3 })).toEqual({
      fire: ['08:00', '09:00', '10:00'], next: '11:00', skipped: { from: '01:00', to: '07:00', reason: expect.stringContaining('more than 3 ticks') },
    });
  });

  it('treats a single missed tick with catch_up last as the latest, skipping nothing', () => {
    expect(plan({ nextFireAt: at('10:00'), now: at('10:30') })).toEqual({ fire: ['10:00'], next: '11:00', skipped: undefined });
  });

  it('finds the latest missed tick of a yearly schedule after a long downtime', () => {
    const yearly = fireTimesOf(Trigger.parse({ type: 'cron', expression: '0 0 1 1 *' }), Date.parse('2020-06-01T00:00:00Z'));
    const result = planTicks({ times: yearly, nextFireAt: Date.parse('2021-01-01T00:00:00Z'), now: Date.parse('2026-05-01T00:00:00Z'), catchUp: 'last' });
    expect(result.fire.map((t) => new Date(t).toISOString())).toEqual(['2026-01-01T00:00:00.000Z']);
    expect(new Date(result.skipped!.to).toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(new Date(result.next!).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('gives every host the same plan for the same state and time', () => {
    const input: TickPlanInput = { times: hourly, nextFireAt: at('07:00'), now: at('10:30'), catchUp: 'all' };
    expect(planTicks(input)).toEqual(planTicks({ ...input }));
  });
});

describe('names of the jobs a schedule submits', () => {
  it('names a tick job after the schedule and the tick in UTC, to the minute', () => {
    expect(tickJobName('nightly-scoring', Date.parse('2026-03-29T01:00:00Z'))).toBe('nightly-scoring-20260329T0100Z');
  });

  it('names a run by hand after the schedule and the time to the second', () => {
    expect(manualJobName('nightly', Date.parse('2026-03-29T01:02:03.400Z'))).toBe('nightly-manual-20260329T010203Z');
  });

  it('cuts a long schedule name and keeps names of different schedules apart with a hash', () => {
    const long = 'a'.repeat(250);
    const first = tickJobName(long, T0);
    const second = tickJobName(`${long.slice(0, 249)}b`, T0);
    expect(first).toHaveLength(255);
    expect(JobName.safeParse(first).success).toBe(true);
    expect(first).not.toBe(second);
    expect(first.endsWith('-20260501T0000Z')).toBe(true);
  });
});
