import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setStatus } from '../../src/activities/setStatus';
import { NOW, activityFixture, type ActivityFixture } from './fixtures';

let fixture: ActivityFixture;
beforeEach(async () => {
  fixture = await activityFixture();
  await fixture.addJob({});
});
afterEach(() => fixture.dispose());

describe('the JobSetStatus activity', () => {
  it('moves the job along the transition table, with reason and error', async () => {
    expect(await setStatus(fixture.deps, { job: 'job-1', to: 'Starting' })).toEqual({ status: 'Starting', changed: true });
    expect(await setStatus(fixture.deps, { job: 'job-1', to: 'Failed', error: { code: 'UserError', message: 'boom' }, reason: 'why' }))
      .toEqual({ status: 'Failed', changed: true, reason: 'why' });
    expect(await fixture.deps.jobs.get('job-1')).toMatchObject({ status: 'Failed', error: { code: 'UserError', message: 'boom' }, endedAt: NOW.toISOString() });
  });

  it('does nothing when run twice (activities run at least once)', async () => {
    await setStatus(fixture.deps, { job: 'job-1', to: 'Starting' });
    expect(await setStatus(fixture.deps, { job: 'job-1', to: 'Starting' })).toEqual({ status: 'Starting', changed: false });
    expect((await fixture.deps.jobs.get('job-1'))?.statusHistory).toHaveLength(2);
  });

  it('reports a cancel request or an ended job instead of failing, so the orchestration follows it', async () => {
    await fixture.deps.jobs.transition('job-1', 'CancelRequested', { at: NOW, reason: 'user asked' });
    expect(await setStatus(fixture.deps, { job: 'job-1', to: 'Starting' })).toEqual({ status: 'CancelRequested', changed: false, reason: 'user asked' });
    await fixture.deps.jobs.transition('job-1', 'Canceled', { at: NOW });
    expect(await setStatus(fixture.deps, { job: 'job-1', to: 'Running' })).toEqual({ status: 'Canceled', changed: false });
  });

  it('fails on a transition the table forbids, naming both states', async () => {
    await expect(setStatus(fixture.deps, { job: 'job-1', to: 'Finalizing' })).rejects.toThrow('cannot move from NotStarted to Finalizing');
  });

  it('rejects malformed input and unknown jobs', async () => {
    await expect(setStatus(fixture.deps, { job: 'job-1', to: 'Sleeping' })).rejects.toThrow();
    await expect(setStatus(fixture.deps, { job: 'ghost', to: 'Starting' })).rejects.toThrow('job ghost: no record in the job store');
  });
});
