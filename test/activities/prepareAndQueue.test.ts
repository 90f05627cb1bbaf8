import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareAndQueue } from '../../src/activities/prepareAndQueue';
import { NOW, activityFixture, type ActivityFixture } from './fixtures';

let fixture: ActivityFixture;
beforeEach(async () => {
  fixture = await activityFixture();
});
afterEach(() => fixture.dispose());

async function statuses(): Promise<string[]> {
  return ((await fixture.deps.jobs.get('job-1'))?.statusHistory ?? []).map((change) => change.status);
}

describe('the JobPrepare activity as the orchestration calls it', () => {
  it('records Queued once the job is prepared, and leaves it there when run again', async () => {
    await fixture.addJob({});
    await fixture.deps.jobs.transition('job-1', 'Starting', { at: NOW });
    await fixture.deps.jobs.transition('job-1', 'Preparing', { at: NOW });
    expect(await prepareAndQueue(fixture.deps, { job: 'job-1' })).toMatchObject({ ok: true, queued: { status: 'Queued', changed: true } });
    expect(await prepareAndQueue(fixture.deps, { job: 'job-1' })).toMatchObject({ ok: true, queued: { status: 'Queued', changed: false } });
    expect(await statuses()).toEqual(['NotStarted', 'Starting', 'Preparing', 'Queued']);
  });

  it('reports a cancel request instead of queueing, and a job problem without touching the status', async () => {
    await fixture.addJob({});
    await fixture.deps.jobs.transition('job-1', 'CancelRequested', { at: NOW, reason: 'stop' });
    expect(await prepareAndQueue(fixture.deps, { job: 'job-1' })).toMatchObject({ ok: true, queued: { status: 'CancelRequested', changed: false, reason: 'stop' } });

    await fixture.addJob({ name: 'job-2', code: '../..' });
    expect(await prepareAndQueue(fixture.deps, { job: 'job-2' })).toMatchObject({ ok: false, error: { code: 'UserError' } });
    expect((await fixture.deps.jobs.get('job-2'))?.status).toBe('NotStarted');
  });
});
