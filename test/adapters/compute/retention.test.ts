import { existsSync } from 'node:fs';
import { mkdir, utimes } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalComputeTarget } from '../../../src/adapters/compute/local';
import { eventually } from '../../support/hostProcess';
import { ComputeHarness, hasEnded, pollUntil } from './harness';
import { COUNT_UNTIL_RELEASED, release } from './workloads';

const HOUR = 3_600_000;
const later = (hours: number) => new Date(Date.now() + hours * HOUR);

describe('LocalComputeTarget removing the files of runs', () => {
  const harness = ComputeHarness.use();

  it('removes the folder of a job\'s ended run when the job is done with it, after shipping the rest of its log', async () => {
    const target = harness.target({ shipIntervalMs: 60_000 });
    const run = await harness.start(target, 'echo first; echo last');
    const other = await harness.start(target, 'echo other');
    await pollUntil(target, other.runId, hasEnded, 'the other run to end');
    const runDir = path.join(harness.runsDir, run.runId);
    await waitForExitRecord(runDir);

    await target.removeRuns(run.job);

    expect(existsSync(runDir)).toBe(false);
    expect(harness.sink.text(run.job)).toBe('first\nlast\n');
    expect(existsSync(path.join(harness.runsDir, other.runId))).toBe(true);
  });

  it('leaves a run that still goes alone, and a later instance re-attaches to it as before', async () => {
    const first = harness.target();
    const run = await harness.start(first, COUNT_UNTIL_RELEASED);
    await first.removeRuns(run.job);
    expect(await first.sweep(later(1_000))).toEqual([]);
    await first.close();

    const second = harness.target();
    expect(await second.poll(run.runId)).toMatchObject({ state: 'running' });
    await release(run);
    expect(await pollUntil(second, run.runId, hasEnded, 'the run to end')).toMatchObject({ state: 'exited', exitCode: 7 });
    await second.removeRuns(run.job);
    expect(existsSync(path.join(harness.runsDir, run.runId))).toBe(false);
  });

  it('sweeps runs that ended longer ago than the retention period, read or not, and keeps younger ones', async () => {
    const target = harness.target({ runRetentionMs: 2 * HOUR });
    const read = await harness.start(target, 'true');
    await pollUntil(target, read.runId, hasEnded, 'the run to end');
    const unread = await harness.start(target, 'true');
    await waitForExitRecord(path.join(harness.runsDir, unread.runId));

    expect(await target.sweep(later(1.9))).toEqual([]);
    expect((await target.sweep(later(2.1))).sort()).toEqual([read.runId, unread.runId].sort());
    expect(existsSync(path.join(harness.runsDir, read.runId))).toBe(false);
    expect(existsSync(path.join(harness.runsDir, unread.runId))).toBe(false);
  });

  it('sweeps a folder a host left half made (no run record) once it is older than the retention period', async () => {
    const target = harness.target({ runRetentionMs: HOUR });
    const halfMade = path.join(harness.runsDir, 'job-x-0123456789ab');
    await mkdir(halfMade, { recursive: true });
    expect(await target.sweep(later(0.5))).toEqual([]);
    const old = new Date(Date.now() - 2 * HOUR);
    await utimes(halfMade, old, old);
    expect(await target.sweep()).toEqual(['job-x-0123456789ab']);
  });

  it('refuses a retention period under a minute', () => {
    expect(() => new LocalComputeTarget({ logSink: async () => undefined, workRoot: harness.workRoot, runRetentionMs: 1_000 }))
      .toThrow('LocalComputeTarget: option runRetentionMs must be a number of milliseconds of at least 60000 (got 1000)');
  });
});

/** Waits for the runner to record the exit, without polling (which would read it). */
async function waitForExitRecord(runDir: string): Promise<void> {
  await eventually(async () => (existsSync(path.join(runDir, 'exit.json')) ? true : undefined), 'the runner to record the exit', 5000);
}
