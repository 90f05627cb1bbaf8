import { describe, expect, it } from 'vitest';
import { ComputeHarness, hasEnded, pollUntil, signal } from './harness';
import { release, WAIT_FOR_RELEASE } from './workloads';

describe('LocalComputeTarget heartbeats', () => {
  const harness = ComputeHarness.use();

  it('reports a live run whose runner stops heartbeating as unresponsive, and as running again once it resumes', async () => {
    const target = harness.target({ heartbeatIntervalMs: 50, heartbeatStaleAfterMs: 300 });
    const run = await harness.start(target, WAIT_FOR_RELEASE);
    const { runner, command } = harness.pids(run.runId);
    expect(await target.poll(run.runId)).toMatchObject({ state: 'running', pid: command.pid });

    signal(runner.pid, 'SIGSTOP'); // alive, but no longer heartbeating
    try {
      const stale = await pollUntil(target, run.runId, (state) => state.state !== 'running', 'the run to become unresponsive', 5000);
      expect(stale).toMatchObject({ state: 'unresponsive', pid: command.pid });
      expect(Date.now() - Date.parse((stale as { lastHeartbeat: string }).lastHeartbeat)).toBeGreaterThan(300);
    } finally {
      signal(runner.pid, 'SIGCONT');
    }

    await pollUntil(target, run.runId, (state) => state.state === 'running', 'heartbeats to resume', 5000);
    await release(run);
    expect(await pollUntil(target, run.runId, hasEnded, 'the run to end')).toMatchObject({ state: 'exited', exitCode: 0 });
  });

  it('reports a run as running while its heartbeat is within the threshold', async () => {
    const target = harness.target({ heartbeatIntervalMs: 50, heartbeatStaleAfterMs: 2000 });
    const run = await harness.start(target, WAIT_FOR_RELEASE);

    for (let poll = 0; poll < 5; poll++) {
      const state = await target.poll(run.runId);
      expect(state.state).toBe('running');
      expect(Date.now() - Date.parse((state as { lastHeartbeat: string }).lastHeartbeat)).toBeLessThanOrEqual(2000);
    }

    await release(run);
    await pollUntil(target, run.runId, hasEnded, 'the run to end');
  });

  it('rejects a staleness threshold shorter than two heartbeat intervals', () => {
    expect(() => harness.target({ heartbeatIntervalMs: 1000, heartbeatStaleAfterMs: 1500 }))
      .toThrow('LocalComputeTarget: option heartbeatStaleAfterMs must be at least twice heartbeatIntervalMs (2000) (got 1500)');
  });
});
