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

  it('records the statuses on the way in the same write, each with its own history entry', async () => {
    expect(await setStatus(fixture.deps, { job: 'job-1', to: 'Preparing', via: ['Starting'] })).toEqual({ status: 'Preparing', changed: true });
    expect((await fixture.deps.jobs.get('job-1'))?.statusHistory).toEqual([
      { status: 'NotStarted', at: NOW.toISOString() }, { status: 'Starting', at: NOW.toISOString() }, { status: 'Preparing', at: NOW.toISOString() },
    ]);
    expect(await setStatus(fixture.deps, { job: 'job-1', to: 'Preparing', via: ['Starting'] })).toEqual({ status: 'Preparing', changed: false });
  });

  it('goes on from a status part of the way along, and gives the reason to the last status only', async () => {
    await fixture.deps.jobs.transition('job-1', 'Starting', { at: NOW });
    expect(await setStatus(fixture.deps, { job: 'job-1', to: 'Preparing', via: ['Starting'], reason: 'why' })).toEqual({ status: 'Preparing', changed: true, reason: 'why' });
    expect((await fixture.deps.jobs.get('job-1'))?.statusHistory.map((change) => change.status)).toEqual(['NotStarted', 'Starting', 'Preparing']);
  });

  it('reports a cancel request or an ended job instead of failing, so the orchestration follows it', async () => {
    await fixture.deps.jobs.transition('job-1', 'CancelRequested', { at: NOW, reason: 'user asked' });
    expect(await setStatus(fixture.deps, { job: 'job-1', to: 'Starting' })).toEqual({ status: 'CancelRequested', changed: false, reason: 'user asked' });
    expect(await setStatus(fixture.deps, { job: 'job-1', to: 'Preparing', via: ['Starting'] })).toEqual({ status: 'CancelRequested', changed: false, reason: 'user asked' });
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
