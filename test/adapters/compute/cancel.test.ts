import { describe, expect, it } from 'vitest';
import { ComputeHarness, hasEnded, pollUntil, processExists } from './harness';
import { grandchildOf, PROCESS_TREE } from './workloads';

describe('LocalComputeTarget cancel', () => {
  const harness = ComputeHarness.use();

  it('kills a process tree within 2 s and reports the cancel reason', async () => {
    const target = harness.target();
    const run = await harness.start(target, PROCESS_TREE);
    const grandchild = await grandchildOf(run);
    const { command } = harness.pids(run.runId);

    const started = Date.now();
    await target.cancel(run.runId, 'canceled by user');

    expect(Date.now() - started).toBeLessThan(2000);
    expect(processExists(grandchild)).toBe(false);
    expect(processExists(command.pid)).toBe(false);
    expect(await target.poll(run.runId)).toMatchObject({ state: 'exited', exitCode: 143, signal: 'SIGTERM', cancelReason: 'canceled by user' });
  });

  it('kills a tree that ignores SIGTERM with SIGKILL after the grace period, still within 2 s', async () => {
    const target = harness.target(); // the default grace period: 1 s
    const run = await harness.start(target, `trap '' TERM; ${PROCESS_TREE}`);
    const grandchild = await grandchildOf(run);

    const started = Date.now();
    await target.cancel(run.runId, 'timeout');

    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(elapsed).toBeLessThan(2000);
    expect(processExists(grandchild)).toBe(false);
    expect(await target.poll(run.runId)).toMatchObject({ state: 'exited', signal: 'SIGKILL', exitCode: 137, cancelReason: 'timeout' });
  });

  it('cancels a run started by another instance', async () => {
    const first = harness.target();
    const run = await harness.start(first, PROCESS_TREE);
    const grandchild = await grandchildOf(run);
    await first.close();
    const second = harness.target();

    await second.cancel(run.runId, 'host restarted, then canceled');

    expect(processExists(grandchild)).toBe(false);
    expect(await second.poll(run.runId)).toMatchObject({ state: 'exited', cancelReason: 'host restarted, then canceled' });
  });

  it('keeps one reason when cancel is asked twice at once, and a later cancel does not change it', async () => {
    const target = harness.target();
    const run = await harness.start(target, PROCESS_TREE);
    await grandchildOf(run);

    await Promise.all([target.cancel(run.runId, 'timeout'), target.cancel(run.runId, 'canceled by user')]);
    const ended = await target.poll(run.runId);
    await target.cancel(run.runId, 'asked again later');

    // Whichever request was recorded first wins; the two racing calls have no order of their own.
    expect(ended).toMatchObject({ state: 'exited' });
    expect(['timeout', 'canceled by user']).toContain(ended.state === 'exited' ? ended.cancelReason : undefined);
    expect(await target.poll(run.runId)).toEqual(ended);
  });

  it('leaves a run that already ended as it was', async () => {
    const target = harness.target();
    const run = await harness.start(target, 'exit 4');
    await pollUntil(target, run.runId, hasEnded, 'the run to end');

    await target.cancel(run.runId, 'too late');

    const state = await target.poll(run.runId);
    expect(state).toMatchObject({ state: 'exited', exitCode: 4 });
    expect(state).not.toHaveProperty('cancelReason');
  });

  it('ships the output written before the cancel', async () => {
    const target = harness.target();
    const run = await harness.start(target, `echo before; ${PROCESS_TREE}`);
    await grandchildOf(run);

    await target.cancel(run.runId, 'canceled by user');

    await pollUntil(target, run.runId, hasEnded, 'the run to end');
    expect(harness.sink.text(run.job)).toBe('before\n');
  });
});
