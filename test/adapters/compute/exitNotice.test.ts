import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ComputeHarness, LOG } from './harness';

describe('LocalComputeTarget telling the caller that a run ended', () => {
  const harness = ComputeHarness.use();

  it('calls onExit once, when the runner has exited, and poll then already reports the exit', async () => {
    const target = harness.target();
    const workingDir = await harness.workDir();
    const job = `job-${randomUUID().slice(0, 8)}`;
    let calls = 0;
    let told!: () => void;
    const ended = new Promise<void>((resolve) => { told = resolve; });
    const { runId } = await target.start({ job, command: 'echo bye; sleep 0.3; exit 4', workingDir, environment: {}, logName: LOG }, () => {
      calls++;
      told();
    });
    harness.track({ runId, job, workingDir });
    expect(calls).toBe(0);

    await ended;
    expect(await target.poll(runId)).toMatchObject({ state: 'exited', exitCode: 4 });
    expect(harness.sink.text(job)).toBe('bye\n');
    expect(calls).toBe(1);
  });
});
