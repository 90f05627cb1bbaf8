import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { blobServiceClient } from '../../src/adapters/storage/connection';
import { VirtualClock } from '../../src/host/runtime/clock';
import { storageConnection, useHosts } from './helpers';
import { events, resetProbe } from './probe';

const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);
const minutes = (n: number): number => n * 60_000;
const at = (ms: number): string => new Date(ms).toISOString();

describe('timer trigger', () => {
  const start = useHosts();
  let hostId: string;
  // "fast" runs every 10 s only in the test about sub-minute schedules.
  const settings = { DAILY_SCHEDULE: '0 0 9 * * *', FAST_SCHEDULE: '0 0 0 1 1 *' };

  beforeEach(() => {
    resetProbe();
    hostId = `test-${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  });

  async function readStatus(functionName: string): Promise<unknown> {
    const blob = blobServiceClient(storageConnection()).getContainerClient('azure-webjobs-hosts')
      .getBlockBlobClient(`timers/${hostId}/Host.Functions.${functionName}/status`);
    return (await blob.exists()) ? JSON.parse((await blob.downloadToBuffer()).toString('utf8')) : undefined;
  }

  it('fires an NCRONTAB schedule as the virtual clock advances, passing the schedule status', async () => {
    const clock = new VirtualClock(T0);
    const { host } = await start('timer-basic', { clock, hostId, settings });
    await host.waitForIdle({ advanceTimers: true, until: T0 + minutes(16) });

    const ticks = events('every5min').map((e) => e.timer);
    expect(ticks).toEqual([
      { isPastDue: false, schedule: { adjustForDST: true }, scheduleStatus: { last: '0001-01-01T00:00:00', next: at(T0 + minutes(5)), lastUpdated: at(T0) } },
      { isPastDue: false, schedule: { adjustForDST: true }, scheduleStatus: { last: at(T0 + minutes(5)), next: at(T0 + minutes(10)), lastUpdated: at(T0 + minutes(5)) } },
      { isPastDue: false, schedule: { adjustForDST: true }, scheduleStatus: { last: at(T0 + minutes(10)), next: at(T0 + minutes(15)), lastUpdated: at(T0 + minutes(10)) } },
    ]);
    expect(clock.now()).toBe(T0 + minutes(16));
    expect(await readStatus('every5min')).toEqual({ Last: at(T0 + minutes(15)), Next: at(T0 + minutes(20)), LastUpdated: at(T0 + minutes(15)) });
  });

  it('repeats a TimeSpan schedule that long after each run', async () => {
    const clock = new VirtualClock(T0);
    const { host } = await start('timer-basic', { clock, hostId, settings });
    await host.waitForIdle({ advanceTimers: true, until: T0 + minutes(95) });
    expect(events('halfHourly').map((e) => (e.timer as { scheduleStatus: { next: string } }).scheduleStatus.next))
      .toEqual([at(T0 + minutes(30)), at(T0 + minutes(60)), at(T0 + minutes(90))]);
  });

  it('runs a runOnStartup function once at start, not past due, then on its schedule', async () => {
    const clock = new VirtualClock(T0);
    const { host } = await start('timer-basic', { clock, hostId, settings });
    await host.waitForIdle();
    expect(events('daily').map((e) => (e.timer as { isPastDue: boolean }).isPastDue)).toEqual([false]);
    await host.waitForIdle({ advanceTimers: true, until: T0 + minutes(9 * 60) });
    expect(events('daily')).toHaveLength(2);
  });

  it('does not persist status for a sub-minute schedule (useMonitor defaults to off) and passes no schedule status', async () => {
    const clock = new VirtualClock(T0);
    const { host } = await start('timer-basic', { clock, hostId, settings: { ...settings, FAST_SCHEDULE: '*/10 * * * * *' } });
    await host.waitForIdle({ advanceTimers: true, until: T0 + 25_000 });
    expect(events('fast').map((e) => e.timer)).toEqual([
      { isPastDue: false, schedule: { adjustForDST: true }, scheduleStatus: null },
      { isPastDue: false, schedule: { adjustForDST: true }, scheduleStatus: null },
    ]);
    expect(await readStatus('fast')).toBeUndefined();
  });

  it('fires a missed occurrence once at start with isPastDue after the host was down', async () => {
    const first = await start('timer-basic', { clock: new VirtualClock(T0), hostId, settings });
    await first.host.waitForIdle({ advanceTimers: true, until: T0 + minutes(6) });
    await first.host.stop();
    expect(events('every5min')).toHaveLength(1);
    resetProbe();

    // Two hours later the host comes back: the 00:10 occurrence (and those after) were missed.
    const clock = new VirtualClock(T0 + minutes(120));
    const { host } = await start('timer-basic', { clock, hostId, settings });
    await host.waitForIdle();
    expect(events('every5min').map((e) => e.timer)).toEqual([
      { isPastDue: true, schedule: { adjustForDST: true }, scheduleStatus: { last: at(T0 + minutes(5)), next: at(T0 + minutes(10)), lastUpdated: at(T0 + minutes(5)) } },
    ]);
    expect(await readStatus('every5min')).toEqual({ Last: at(T0 + minutes(120)), Next: at(T0 + minutes(125)), LastUpdated: at(T0 + minutes(120)) });

    await host.waitForIdle({ advanceTimers: true, until: T0 + minutes(126) });
    expect(events('every5min').map((e) => (e.timer as { isPastDue: boolean }).isPastDue)).toEqual([true, false]);
  });

  it('evaluates NCRONTAB schedules in WEBSITE_TIME_ZONE', async () => {
    const clock = new VirtualClock(T0);
    const { host } = await start('timer-basic', { clock, hostId, settings: { ...settings, WEBSITE_TIME_ZONE: 'America/New_York' } });
    await host.waitForIdle({ advanceTimers: true, until: T0 + minutes(15 * 60) });
    // 09:00 in New York in January is 14:00 UTC; the first "daily" event is the runOnStartup one.
    expect((events('daily')[1]?.timer as { scheduleStatus: { next: string } }).scheduleStatus.next).toBe(at(Date.UTC(2026, 0, 1, 14)));
  });
});

describe('waitForIdle with recurring timers', () => {
  const start = useHosts();

  it('stops with advice to pass "until" when recurring timers never run out', async () => {
    const { host } = await start('timer-basic', {
      clock: new VirtualClock(T0), hostId: `test-${randomUUID().replace(/-/g, '').slice(0, 20)}`,
      settings: { DAILY_SCHEDULE: '0 0 9 * * *', FAST_SCHEDULE: '0 0 0 1 1 *' },
    });
    await expect(host.waitForIdle({ advanceTimers: true, timeoutMs: 300 })).rejects.toThrow(/pass "until"/);
  });

  it('refuses to advance timers on the system clock', async () => {
    const { host } = await start('http-basic');
    await expect(host.waitForIdle({ advanceTimers: true })).rejects.toThrow('needs the host to run on a VirtualClock');
  });
});
