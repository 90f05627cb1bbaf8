import { realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../../../src/model/errors';
import { ComputeHarness, hasEnded, pollUntil } from './harness';

describe('LocalComputeTarget running commands', () => {
  const harness = ComputeHarness.use();

  it('reports exit code 0 for a command that succeeds', async () => {
    const target = harness.target();
    const run = await harness.start(target, 'echo hello');

    const state = await pollUntil(target, run.runId, hasEnded, 'the run to end');

    expect(state).toMatchObject({ state: 'exited', exitCode: 0 });
    expect(state).not.toHaveProperty('signal');
    expect(harness.sink.text(run.job)).toBe('hello\n');
  });

  it('reports the exit code of a command that fails', async () => {
    const target = harness.target();
    const run = await harness.start(target, 'echo failing >&2; exit 3');

    expect(await pollUntil(target, run.runId, hasEnded, 'the run to end')).toMatchObject({ state: 'exited', exitCode: 3 });
    expect(harness.sink.text(run.job)).toBe('failing\n');
  });

  it('reports 128 + the signal number and the signal name when a signal ends the command', async () => {
    const target = harness.target();
    const run = await harness.start(target, 'kill -TERM $$');

    expect(await pollUntil(target, run.runId, hasEnded, 'the run to end')).toMatchObject({ state: 'exited', exitCode: 143, signal: 'SIGTERM' });
  });

  it('interleaves stdout and stderr in the log in the order the command wrote them', async () => {
    const target = harness.target();
    const run = await harness.start(target, 'echo out1; echo err1 >&2; echo out2; echo err2 >&2; printf tail >&2');

    await pollUntil(target, run.runId, hasEnded, 'the run to end');

    expect(harness.sink.text(run.job)).toBe('out1\nerr1\nout2\nerr2\ntail');
  });

  it('starts twenty short commands at once, each with its own exit code', async () => {
    const target = harness.target();
    const runs = await Promise.all(Array.from({ length: 20 }, (_, i) => harness.start(target, `exit ${i % 5}`)));
    const states = await Promise.all(runs.map((run) => pollUntil(target, run.runId, hasEnded, 'the run to end', 30_000)));
    expect(states.map((state) => state.state === 'exited' && state.exitCode)).toEqual(runs.map((_, i) => i % 5));
  });

  it('runs the command in its working directory', async () => {
    const target = harness.target();
    const workingDir = await harness.workDir('code');
    await writeFile(path.join(workingDir, 'train.py'), 'print("hi")\n');
    const run = await harness.start(target, 'pwd; ls; echo made > created.txt', {}, workingDir);

    await pollUntil(target, run.runId, hasEnded, 'the run to end');

    expect(harness.sink.text(run.job)).toBe(`${await realpath(workingDir)}\ntrain.py\n`);
    expect(await realpath(path.join(workingDir, 'created.txt'))).toBeTruthy();
  });

  it('gives every run its own id, even for the same job', async () => {
    const target = harness.target();
    const workingDir = await harness.workDir();
    const request = { job: 'same-job', command: 'true', workingDir, environment: {}, logName: 'log.txt' };

    const first = harness.track({ ...request, ...(await target.start(request)) });
    const second = harness.track({ ...request, ...(await target.start(request)) });

    expect(first.runId).not.toBe(second.runId);
    expect(first.runId).toMatch(/^same-job-/);
    await pollUntil(target, first.runId, hasEnded, 'the first run to end');
    await pollUntil(target, second.runId, hasEnded, 'the second run to end');
  });

  it('answers NotFoundError for a run id it never issued and ValidationError for a malformed one', async () => {
    const target = harness.target();

    await expect(target.poll('job-123456')).rejects.toThrow(NotFoundError);
    await expect(target.cancel('job-123456', 'x')).rejects.toThrow(/run "job-123456" not found/);
    await expect(target.poll('../../etc')).rejects.toThrow(ValidationError);
  });

  it('refuses a job name that could not be part of a path', async () => {
    const target = harness.target();
    const workingDir = await harness.workDir();

    await expect(target.start({ job: '../evil', command: 'true', workingDir, environment: {}, logName: 'log.txt' }))
      .rejects.toThrow(/job {2}"\.\.\/evil" is not a job name/);
  });

  it('refuses to be used after close()', async () => {
    const target = harness.target();
    await target.close();

    await expect(target.poll('job-1')).rejects.toThrow(/compute local: this LocalComputeTarget is closed/);
  });
});
