import { readFile, rename, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../support/hostProcess';
import { ComputeHarness, hasEnded, pollUntil, processExists, signal } from './harness';
import { COUNT_UNTIL_RELEASED, expectConsecutiveLines, grandchildOf, PROCESS_TREE, release } from './workloads';

describe('LocalComputeTarget after a host restart', () => {
  const harness = ComputeHarness.use();

  it('re-attaches to a running command: the new instance sees it run and exit, and the log arrives whole, once', async () => {
    const first = harness.target();
    const run = await harness.start(first, COUNT_UNTIL_RELEASED);
    await eventually(async () => (harness.sink.size(run.job) > 0 ? true : undefined), 'the first instance to ship output', 5000);
    await first.close(); // the host goes away; the runner does not
    const shippedByFirst = harness.sink.size(run.job);
    expect(processExists(harness.pids(run.runId).runner.pid)).toBe(true);

    const second = harness.target();
    expect(await second.poll(run.runId)).toMatchObject({ state: 'running', pid: harness.pids(run.runId).command.pid });
    await eventually(async () => (harness.sink.size(run.job) > shippedByFirst ? true : undefined), 'the second instance to ship output', 5000);
    await release(run);

    expect(await pollUntil(second, run.runId, hasEnded, 'the run to end')).toMatchObject({ state: 'exited', exitCode: 7 });
    const log = harness.sink.text(run.job);
    expect(log).toBe(await readFile(harness.runFile(run.runId, 'output.log'), 'utf8'));
    expectConsecutiveLines(log);
  });

  it('ships the rest of the log of a command that ended while no host was watching', async () => {
    const first = harness.target({ shipIntervalMs: 60_000 });
    const run = await harness.start(first, COUNT_UNTIL_RELEASED);
    await eventually(async () => ((await readFile(harness.runFile(run.runId, 'output.log'), 'utf8')).includes('line 20\n') ? true : undefined), 'some output', 5000);
    await first.close();
    await release(run);
    await eventually(async () => ((await readFile(harness.runFile(run.runId, 'exit.json'), 'utf8').catch(() => '')) ? true : undefined), 'the command to end', 5000);

    expect(await harness.target().poll(run.runId)).toMatchObject({ state: 'exited', exitCode: 7 });

    expectConsecutiveLines(harness.sink.text(run.job));
  });

  it('reports a run whose runner was SIGKILLed as lost and kills what the command left running', async () => {
    const target = harness.target();
    const run = await harness.start(target, `echo started; ${PROCESS_TREE}`);
    const grandchild = await grandchildOf(run);
    const { runner, command } = harness.pids(run.runId);

    signal(runner.pid, 'SIGKILL');
    const state = await pollUntil(harness.target(), run.runId, hasEnded, 'the run to be lost');

    expect(state).toEqual({
      state: 'lost',
      reason: `the runner (pid ${runner.pid}) ended without recording how the command ended: it was killed, or the machine restarted; the processes the command left were killed`,
    });
    expect(processExists(grandchild)).toBe(false);
    expect(processExists(command.pid)).toBe(false);
    expect(harness.sink.text(run.job)).toBe('started\n');
  });

  it('reports lost, not running, when the runner\'s pid now belongs to another process', async () => {
    const target = harness.target();
    const run = await harness.start(target, 'true');
    await pollUntil(target, run.runId, hasEnded, 'the run to end');
    const pidsFile = harness.runFile(run.runId, 'pids.json');
    const original = await readFile(pidsFile, 'utf8');
    const pids = JSON.parse(original) as { runner: { pid: number; identity: string } };
    // Rewrite history: the runner never wrote exit.json, and its pid now belongs to this test process.
    await rename(harness.runFile(run.runId, 'exit.json'), harness.runFile(run.runId, 'exit.json.hidden'));
    await writeFile(pidsFile, JSON.stringify({ ...pids, runner: { pid: process.pid, identity: pids.runner.identity } }));
    try {
      expect(await harness.target().poll(run.runId)).toMatchObject({ state: 'lost' });
    } finally {
      await writeFile(pidsFile, original);
    }
  });
});
