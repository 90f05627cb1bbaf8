import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScheduleStack } from './scheduleStack';

/**
 * A week of schedules on the real app and host, on a virtual clock: Europe/Berlin springs forward
 * on 2026-03-29, the host is down for six hours on 2026-03-27, and the timer fires twice more (at
 * once) in the minute of one tick. The expected jobs are written out by hand.
 */

const NIGHTLY = `
trigger:
  type: cron
  expression: "30 2 * * *"
  time_zone: Europe/Berlin
create_job:
  command: echo nightly
  environment: azureml:env@latest
`;

const EVERY_SIX_HOURS = `
trigger:
  type: recurrence
  frequency: hour
  interval: 6
  start_time: "2026-03-25T13:00:00Z"
catch_up: none
concurrency: forbid
create_job:
  command: echo six-hourly
  environment: azureml:env@latest
`;

const MONDAY_AND_THURSDAY = `
trigger:
  type: recurrence
  frequency: week
  interval: 1
  schedule: { week_days: [monday, thursday], hours: 9, minutes: 0 }
  time_zone: W. Europe Standard Time
create_job:
  command: echo weekly
  environment: azureml:env@latest
`;

const previousTick = process.env['SCHEDULE_TICK'];
let stack: ScheduleStack;

beforeAll(async () => {
  // The timer reads SCHEDULE_TICK when the app loads. Every 10 minutes keeps a simulated week quick;
  // every tick of these schedules is on a multiple of 10 minutes (the minute tick: scheduleHost.test.ts).
  process.env['SCHEDULE_TICK'] = '0 */10 * * * *';
  stack = await ScheduleStack.start('2026-03-25T12:00:00Z');
}, 120_000);

afterAll(async () => {
  await stack?.dispose();
  if (previousTick === undefined) delete process.env['SCHEDULE_TICK'];
  else process.env['SCHEDULE_TICK'] = previousTick;
});

describe('a simulated week of schedules', () => {
  it('fires exactly the expected jobs across a DST change, a host restart and a duplicated timer tick, and each job runs', async () => {
    for (const [name, yaml] of [['nightly', NIGHTLY], ['every-6h', EVERY_SIX_HOURS], ['mon-thu', MONDAY_AND_THURSDAY]] as const) {
      const response = await stack.request('PUT', `/api/schedules/${name}`, yaml);
      expect(response.status, await response.clone().text()).toBe(201);
    }

    await stack.runUntil('2026-03-27T00:00:00Z');
    await stack.restart(6 * 3_600_000); // down 00:00–06:00Z: nightly's 01:30Z and every-6h's 01:00Z tick pass with no host
    await stack.runUntil('2026-03-30T06:59:30Z');
    stack.clock.advanceTo(Date.parse('2026-03-30T07:00:00Z')); // Monday 09:00 CEST: the timer fires …
    await Promise.all([stack.tick(), stack.tick()]); // … and twice more in the same minute
    await stack.runUntil('2026-04-01T12:00:00Z');

    const nightly = ['20260326T0130Z', '20260327T0130Z', '20260328T0130Z', '20260329T0130Z', '20260330T0030Z', '20260331T0030Z', '20260401T0030Z'];
    const sixHourly = [
      '20260325T1300Z', '20260325T1900Z', '20260326T0100Z', '20260326T0700Z', '20260326T1300Z', '20260326T1900Z',
      /* 20260327T0100Z: missed while down, catch_up none */ '20260327T0700Z', '20260327T1300Z', '20260327T1900Z',
      ...['28', '29', '30', '31'].flatMap((day) => ['0100', '0700', '1300', '1900'].map((time) => `202603${day}T${time}Z`)),
      '20260401T0100Z', '20260401T0700Z',
    ];
    const monThu = ['20260326T0800Z', '20260330T0700Z'];
    const expected = [...nightly.map((t) => `nightly-${t}`), ...sixHourly.map((t) => `every-6h-${t}`), ...monThu.map((t) => `mon-thu-${t}`)].sort();

    const { jobs } = await stack.jobs.list({ top: 1000 });
    expect(jobs.map((job) => job.name).sort()).toEqual(expected);
    expect(jobs.filter((job) => job.status !== 'Completed').map((job) => `${job.name} ${job.status}`)).toEqual([]);
    expect(stack.compute.startCalls.sort()).toEqual(expected);

    const nightlyRecord = await stack.schedules.get('nightly');
    expect(nightlyRecord?.jobs.map((job) => job.name)).toEqual(nightly.map((t) => `nightly-${t}`));
    const skipped = (await stack.schedules.get('every-6h'))?.skipped;
    expect(skipped).toEqual([{ from: '2026-03-27T01:00:00.000Z', to: '2026-03-27T01:00:00.000Z', reason: expect.stringContaining('catch_up: none') }]);
    expect(stack.logger.messages('error').filter((message) => /schedule|scheduleTick/.test(message))).toEqual([]);
  }, 300_000);
});
