import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitForOutput } from '../../src/host/services/readiness';
import { spawnService, type ServiceProcess } from '../../src/host/services/serviceProcess';

const fixtures = join(__dirname, 'fixtures');
const running: ServiceProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((proc) => proc.stop(1000)));
});

async function startFixture(name: string): Promise<ServiceProcess> {
  const proc = spawnService({ service: name, entry: join(fixtures, name), args: [] });
  running.push(proc);
  await waitForOutput(proc, { ready: /^ready$/ }, 10_000);
  return proc;
}

describe('the watchdog launcher', () => {
  it('lets the SIGTERM default action end an entry that has no handler for it, at once', async () => {
    const proc = await startFixture('ignoresSignals.js');

    const started = Date.now();
    expect(await proc.stop(20_000)).toEqual({ code: null, signal: 'SIGTERM' });
    expect(Date.now() - started).toBeLessThan(2000); // the grace period is 5 s
  });

  it('lets an entry with a SIGTERM handler shut down by itself', async () => {
    const proc = await startFixture('closesOnSignal.js');

    expect(await proc.stop(20_000)).toEqual({ code: 0, signal: null });
    expect(proc.outputTail()).toContain('closing gracefully');
  });

  it('exits with code 1 after its grace period when the entry never lets go', async () => {
    const proc = await startFixture('hangsOnSignal.js');

    expect(await proc.stop(20_000)).toEqual({ code: 1, signal: null });
    expect(proc.outputTail()).toMatch(/pretending to close\nwatchdog: hangsOnSignal\.js did not stop within 5000 ms; exiting$/);
  });
});
