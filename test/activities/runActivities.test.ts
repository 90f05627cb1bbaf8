import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanUp, finalize } from '../../src/activities/finalize';
import { cancelRun, pollRun, startRun } from '../../src/activities/runActivities';
import { SecretBox } from '../../src/jobs/secretBox';
import { sealSecrets } from '../../src/jobs/jobSecrets';
import { newJobRecord, parseJob, type NormalizedJob } from '../../src/model';
import type { ComputeTarget, RunRequest, RunState } from '../../src/ports';
import { NOW, activityFixture, type ActivityFixture } from './fixtures';

const LOG = 'user_logs/std_log.txt';
const started: RunRequest[] = [];
const canceled: string[] = [];
let state: RunState = { state: 'running', pid: 1, lastHeartbeat: NOW.toISOString() };
/** The `onExit` of each start; `exitNow`: the command ends while start runs. */
const exits: Array<() => void> = [];
let exitNow = false;
const told: string[] = [];
const compute: ComputeTarget = {
  name: 'local',
  start: async (request, onExit) => {
    started.push(request);
    if (onExit) exits.push(onExit);
    if (exitNow) onExit?.();
    return { runId: 'run-1' };
  },
  poll: async () => state,
  cancel: async (runId, reason) => { canceled.push(`${runId}: ${reason}`); },
};

let fixture: ActivityFixture;
beforeEach(async () => {
  fixture = await activityFixture([compute]);
  started.length = 0;
  canceled.length = 0;
});
afterEach(() => fixture.dispose());

const run = { compute: 'local', command: 'echo hi', workingDir: '/work/job-1/code', outputs: {}, concurrencyLimit: 1 };

describe('the run activities', () => {
  it('start the command with the job\'s environment, secrets opened for the compute only', async () => {
    const box = new SecretBox(Buffer.alloc(32, 9).toString('base64'));
    const spec: NormalizedJob = sealSecrets(parseJob({ name: 'job-1', command: 'echo', environment: 'azureml:e:1', environment_variables: { HF_TOKEN: 'hf_x', N: '1' } }, { random: Math.random }), box);
    await fixture.deps.jobs.create(newJobRecord(spec, { now: NOW, studioBaseUrl: 'http://s' }));
    const deps = { ...fixture.deps, secrets: box };
    for (const to of ['Starting', 'Preparing', 'Queued'] as const) await deps.jobs.transition('job-1', to, { at: NOW });
    expect(await startRun(deps, { job: 'job-1', run })).toEqual({ runId: 'run-1', running: { status: 'Running', changed: true } });
    expect(started).toEqual([{ job: 'job-1', command: 'echo hi', workingDir: '/work/job-1/code', environment: { HF_TOKEN: 'hf_x', N: '1' }, logName: LOG }]);
    expect((await deps.jobs.get('job-1'))?.startedAt).toBe(NOW.toISOString());
  });

  it('start the run even when Running cannot be recorded, leaving that to the orchestration', async () => {
    await fixture.addJob({});
    expect(await startRun(fixture.deps, { job: 'job-1', run })).toEqual({ runId: 'run-1' }); // NotStarted cannot move to Running
    expect(started).toHaveLength(1);
  });

  it('say that the command had ended before the start returned, and tell of an ending that comes after', async () => {
    await fixture.addJob({});
    exits.length = 0;
    exitNow = true;
    expect(await startRun(fixture.deps, { job: 'job-1', run }, (job) => told.push(job))).toMatchObject({ exited: true });
    exitNow = false;
    expect(await startRun(fixture.deps, { job: 'job-1', run }, (job) => told.push(job))).not.toHaveProperty('exited');
    expect(told).toEqual([]);
    exits.at(-1)!();
    expect(told).toEqual(['job-1']);
  });

  it('report the run\'s state with the job\'s status; an unresponsive run is stale', async () => {
    await fixture.addJob({});
    expect(await pollRun(fixture.deps, { job: 'job-1', compute: 'local', runId: 'run-1' })).toEqual({ run: { state: 'running', stale: false }, jobStatus: 'NotStarted' });
    state = { state: 'unresponsive', pid: 1, lastHeartbeat: NOW.toISOString() };
    expect((await pollRun(fixture.deps, { job: 'job-1', compute: 'local', runId: 'run-1' })).run).toEqual({ state: 'running', stale: true });
    state = { state: 'exited', exitCode: 137, signal: 'SIGKILL', endedAt: NOW.toISOString() };
    expect((await pollRun(fixture.deps, { job: 'job-1', compute: 'local', runId: 'run-1' })).run).toEqual({ state: 'exited', exitCode: 137, signal: 'SIGKILL' });
  });

  it('cancel the run with the reason, and refuse a compute this app does not configure', async () => {
    await cancelRun(fixture.deps, { job: 'job-1', compute: 'azureml:local', runId: 'run-1', reason: 'timeout' });
    expect(canceled).toEqual(['run-1: timeout']);
    await expect(cancelRun(fixture.deps, { job: 'job-1', compute: 'gpu', runId: 'run-1', reason: 'x' })).rejects.toThrow('job job-1: its run is on compute "gpu", which this app no longer configures (configured: local)');
  });
});

describe('the JobFinalize activity', () => {
  it('uploads the outputs and records their URIs', async () => {
    await fixture.addJob({ outputs: { model: { type: 'uri_folder' } } });
    const dir = path.join(fixture.workRoot, 'job-1', 'outputs', 'model');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'weights.bin'), 'w');
    expect(await finalize(fixture.deps, { job: 'job-1', outputs: { model: dir }, uploadOutputs: true })).toEqual({});
    expect((await fixture.deps.jobs.get('job-1'))?.outputs).toEqual({ model: 'https://memory.invalid/job-artifacts/job-1/outputs/model/' });
    expect(await fixture.deps.artifacts.listOutput('job-1', 'model')).toEqual([{ path: 'weights.bin', size: 1 }]);
  });

  it('describes a failed run by its exit code and the last whole lines of its log', async () => {
    await fixture.addJob({});
    const lines = Array.from({ length: 400 }, (_, i) => `line ${i}`).join('\n');
    await fixture.deps.artifacts.appendLog('job-1', LOG, Buffer.from(`${lines}\n\n`));
    const { error } = await finalize(fixture.deps, { job: 'job-1', outputs: {}, uploadOutputs: false, exitCode: 137, signal: 'SIGKILL' });
    expect(error?.code).toBe('UserError');
    expect(error?.message.split('\n')).toEqual([
      'exit code 137 (ended by SIGKILL); last lines of user_logs/std_log.txt:',
      ...Array.from({ length: 20 }, (_, i) => `line ${380 + i}`),
    ]);
  });

  it('says so when the failed run wrote nothing', async () => {
    await fixture.addJob({});
    expect(await finalize(fixture.deps, { job: 'job-1', outputs: {}, uploadOutputs: false, exitCode: 2 })).toEqual({
      error: { code: 'UserError', message: 'exit code 2; user_logs/std_log.txt is empty' },
    });
  });

  it('cleans up the job\'s local folders', async () => {
    await mkdir(path.join(fixture.workRoot, 'job-1', 'code'), { recursive: true });
    await cleanUp(fixture.deps, { job: 'job-1' });
    await expect(stat(path.join(fixture.workRoot, 'job-1'))).rejects.toThrow(/ENOENT/);
  });
});
