import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../support/hostProcess';
import { ComputeHarness, hasEnded, pollUntil } from './harness';
import { release, WAIT_FOR_RELEASE } from './workloads';

describe('LocalComputeTarget log shipping', () => {
  const harness = ComputeHarness.use();

  it('ships 5 MB of output completely and in order, in chunks no larger than the limit', async () => {
    const target = harness.target({ shipChunkBytes: 1024 * 1024 });
    const workingDir = await harness.workDir();
    const data = randomBytes(5 * 1024 * 1024);
    await writeFile(path.join(workingDir, 'data.bin'), data);
    const run = await harness.start(target, 'cat data.bin; echo end >&2', {}, workingDir);

    expect(await pollUntil(target, run.runId, hasEnded, 'the run to end')).toMatchObject({ state: 'exited', exitCode: 0 });

    expect(harness.sink.bytes(run.job).equals(Buffer.concat([data, Buffer.from('end\n')]))).toBe(true);
    expect(Math.max(...harness.sink.appends.map((append) => append.length))).toBeLessThanOrEqual(1024 * 1024);
    expect(harness.sink.appends.length).toBeGreaterThanOrEqual(6);
  });

  it('ships output while the command is still running', async () => {
    const target = harness.target();
    const run = await harness.start(target, `echo first; ${WAIT_FOR_RELEASE}; echo second`);

    await eventually(async () => (harness.sink.text(run.job) === 'first\n' ? true : undefined), 'the first line to be shipped', 5000);
    expect(await target.poll(run.runId)).toMatchObject({ state: 'running' });

    await release(run);
    await pollUntil(target, run.runId, hasEnded, 'the run to end');
    expect(harness.sink.text(run.job)).toBe('first\nsecond\n');
  });

  it('sends the log to the log name of the request', async () => {
    const target = harness.target();
    const workingDir = await harness.workDir();
    const { runId } = harness.track({ job: 'named-log', workingDir, ...(await target.start({ job: 'named-log', command: 'echo hi', workingDir, environment: {}, logName: 'logs/other.txt' })) });

    await pollUntil(target, runId, hasEnded, 'the run to end');

    expect(harness.sink.text('named-log', 'logs/other.txt')).toBe('hi\n');
    expect(harness.sink.text('named-log')).toBe('');
  });

  it('records the shipped offset, so nothing is shipped twice', async () => {
    const target = harness.target();
    const run = await harness.start(target, 'echo one; echo two');
    await pollUntil(target, run.runId, hasEnded, 'the run to end');

    await target.poll(run.runId);
    await harness.target().poll(run.runId);

    expect(await readFile(harness.runFile(run.runId, 'shipped'), 'utf8')).toBe('8');
    expect(harness.sink.text(run.job)).toBe('one\ntwo\n');
  });

  it('fails poll with the cause while the sink fails, and completes the log once it recovers', async () => {
    const target = harness.target();
    harness.sink.failing = new Error('blob service unavailable');
    const run = await harness.start(target, 'echo kept');
    await eventually(async () => ((await readFile(harness.runFile(run.runId, 'exit.json'), 'utf8').catch(() => '')) ? true : undefined), 'the command to end', 5000);

    await expect(target.poll(run.runId)).rejects.toThrow(/compute local: cannot ship the output of run .* to its log: blob service unavailable/);

    harness.sink.failing = undefined;
    expect(await target.poll(run.runId)).toMatchObject({ state: 'exited', exitCode: 0 });
    expect(harness.sink.text(run.job)).toBe('kept\n');
  });
});
