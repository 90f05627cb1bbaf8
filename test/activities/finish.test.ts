import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { finish } from '../../src/activities/finish';
import type { JobStatus } from '../../src/model';
import { NOW, activityFixture, type ActivityFixture } from './fixtures';

let fixture: ActivityFixture;
beforeEach(async () => {
  fixture = await activityFixture();
});
afterEach(() => fixture.dispose());

/** A job whose run is going: the record is Running and its folders exist. */
async function runningJob(spec: Record<string, unknown> = {}): Promise<void> {
  await fixture.addJob(spec);
  for (const to of ['Starting', 'Preparing', 'Queued', 'Running'] as JobStatus[]) await fixture.deps.jobs.transition('job-1', to, { at: NOW });
  await mkdir(path.join(fixture.workRoot, 'job-1', 'code'), { recursive: true });
}

async function statuses(): Promise<string[]> {
  return ((await fixture.deps.jobs.get('job-1'))?.statusHistory ?? []).map((change) => change.status);
}

describe('the JobFinish activity', () => {
  it('completes a job whose run exited 0 through Finalizing, with its outputs uploaded and its folders removed', async () => {
    await runningJob({ outputs: { model: { type: 'uri_folder' } } });
    const dir = path.join(fixture.workRoot, 'job-1', 'outputs', 'model');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'weights.bin'), 'w');
    expect(await finish(fixture.deps, { job: 'job-1', outputs: { model: dir }, exitCode: 0 })).toEqual({ status: 'Completed' });
    expect(await statuses()).toEqual(['NotStarted', 'Starting', 'Preparing', 'Queued', 'Running', 'Finalizing', 'Completed']);
    expect((await fixture.deps.jobs.get('job-1'))?.outputs).toEqual({ model: 'https://memory.invalid/job-artifacts/job-1/outputs/model/' });
    expect(existsSync(path.join(fixture.workRoot, 'job-1'))).toBe(false);
  });

  it('fails a job whose run exited non-zero with the exit code and the log\'s last lines, uploading nothing', async () => {
    await runningJob({ outputs: { model: { type: 'uri_folder' } } });
    await fixture.deps.artifacts.appendLog('job-1', 'user_logs/std_log.txt', Buffer.from('boom\n'));
    expect(await finish(fixture.deps, { job: 'job-1', outputs: { model: '/nowhere' }, exitCode: 3 })).toEqual({ status: 'Failed' });
    const record = await fixture.deps.jobs.get('job-1');
    expect(record?.error).toEqual({ code: 'UserError', message: 'exit code 3; last lines of user_logs/std_log.txt:\nboom' });
    expect(record?.outputs).toEqual({});
    expect(await statuses()).toEqual(['NotStarted', 'Starting', 'Preparing', 'Queued', 'Running', 'Failed']);
  });

  it('changes nothing when run again after it finished (activities run at least once)', async () => {
    await runningJob();
    await finish(fixture.deps, { job: 'job-1', outputs: {}, exitCode: 0 });
    expect(await finish(fixture.deps, { job: 'job-1', outputs: {}, exitCode: 0 })).toEqual({ status: 'Completed' });
    expect(await statuses()).toEqual(['NotStarted', 'Starting', 'Preparing', 'Queued', 'Running', 'Finalizing', 'Completed']);
  });

  it('completes a job whose cancel request came after its command ended', async () => {
    await runningJob();
    await fixture.deps.jobs.transition('job-1', 'CancelRequested', { at: NOW, reason: 'too late' });
    expect(await finish(fixture.deps, { job: 'job-1', outputs: {}, exitCode: 0 })).toEqual({ status: 'Completed' });
    expect(await statuses()).toEqual(['NotStarted', 'Starting', 'Preparing', 'Queued', 'Running', 'CancelRequested', 'Completed']);
  });

  it('keeps the ending someone else recorded first', async () => {
    await runningJob();
    await fixture.deps.jobs.transition('job-1', 'CancelRequested', { at: NOW });
    await fixture.deps.jobs.transition('job-1', 'Canceled', { at: NOW });
    expect(await finish(fixture.deps, { job: 'job-1', outputs: {}, exitCode: 0 })).toEqual({ status: 'Canceled' });
    expect(await finish(fixture.deps, { job: 'job-1', outputs: {}, exitCode: 1 })).toEqual({ status: 'Canceled' });
    expect(await statuses()).toEqual(['NotStarted', 'Starting', 'Preparing', 'Queued', 'Running', 'CancelRequested', 'Canceled']);
  });
});
