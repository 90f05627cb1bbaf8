import { describe, expect, it } from 'vitest';
import { fireDueSchedules } from '../../src/schedules/firing/fireDueSchedules';
import { SCHEDULE_TAG } from '../../src/schedules/firing/submitTick';
import { FiringHarness } from './firingHarness';

describe('firing schedules on the timer', () => {
  it('submits one job per due tick, named after the schedule and the tick, tagged with the schedule', async () => {
    const h = new FiringHarness('2026-05-01T09:30:00Z');
    await h.put('hourly');
    await fireDueSchedules(h.at('2026-05-01T10:00:00Z').host());
    await fireDueSchedules(h.at('2026-05-01T11:00:05Z').host());
    expect(await h.jobNames('hourly')).toEqual(['hourly-20260501T1000Z', 'hourly-20260501T1100Z']);
    expect(h.started).toEqual(['hourly-20260501T1000Z', 'hourly-20260501T1100Z']);
    const job = await h.jobs.get('hourly-20260501T1000Z');
    expect(job?.tags[SCHEDULE_TAG]).toBe('hourly');
    const record = await h.schedules.get('hourly');
    expect(record?.lastFireTime).toBe('2026-05-01T11:00:00.000Z');
    expect(record?.nextFireAt).toBe(Date.parse('2026-05-01T12:00:00Z'));
  });

  it('fires a tick once when the timer runs twice in the same minute', async () => {
    const h = new FiringHarness('2026-05-01T09:30:00Z');
    await h.put('twice');
    await fireDueSchedules(h.at('2026-05-01T10:00:00Z').host());
    await fireDueSchedules(h.at('2026-05-01T10:00:20Z').host());
    expect(await h.jobNames('twice')).toEqual(['twice-20260501T1000Z']);
    expect((await h.jobs.list({})).jobs.map((job) => job.name)).toEqual(['twice-20260501T1000Z']);
  });

  it('fires a tick once when two hosts race on it', async () => {
    const h = new FiringHarness('2026-05-01T09:30:00Z');
    await h.put('raced', { trigger: { type: 'cron', expression: '*/10 * * * *' } });
    h.at('2026-05-01T10:00:00Z');
    const outcomes = await Promise.all([fireDueSchedules(h.host()), fireDueSchedules(h.host()), fireDueSchedules(h.host())]);
    expect(outcomes.flat().filter((outcome) => 'error' in outcome)).toEqual([]);
    expect(await h.jobNames('raced')).toEqual(['raced-20260501T1000Z']);
    expect((await h.jobs.list({})).jobs).toHaveLength(1);
    expect((await h.schedules.get('raced'))?.nextFireAt).toBe(Date.parse('2026-05-01T10:10:00Z'));
  });

  it('records a tick whose job was created by a host that died before recording it, without a second job', async () => {
    const h = new FiringHarness('2026-05-01T09:30:00Z');
    await h.put('crashy');
    const host = h.host();
    const record = (await h.schedules.get('crashy'))!;
    // The dead host got as far as submitting the job.
    const { submitTick } = await import('../../src/schedules/firing/submitTick');
    await submitTick(host, record, 'crashy-20260501T1000Z');
    await fireDueSchedules(h.at('2026-05-01T10:01:00Z').host());
    expect(await h.jobNames('crashy')).toEqual(['crashy-20260501T1000Z']);
    expect((await h.jobs.list({})).jobs).toHaveLength(1);
  });

  it('fires nothing when disabled, and starts from now when enabled again', async () => {
    const h = new FiringHarness('2026-05-01T09:30:00Z');
    const { setScheduleEnabled } = await import('../../src/schedules/operations');
    await h.put('paused');
    await setScheduleEnabled(h.host(), 'paused', false);
    await fireDueSchedules(h.at('2026-05-01T12:00:00Z').host());
    expect(await h.jobNames('paused')).toEqual([]);
    await setScheduleEnabled(h.at('2026-05-01T12:30:00Z').host(), 'paused', true);
    await fireDueSchedules(h.at('2026-05-01T13:00:00Z').host());
    expect(await h.jobNames('paused')).toEqual(['paused-20260501T1300Z']);
  });

  it('fires nothing after end_time', async () => {
    const h = new FiringHarness('2026-05-01T09:30:00Z');
    await h.put('ending', { trigger: { type: 'cron', expression: '0 * * * *', end_time: '2026-05-01T10:30:00Z' } });
    for (const time of ['10:00:00', '11:00:00', '12:00:00']) await fireDueSchedules(h.at(`2026-05-01T${time}Z`).host());
    expect(await h.jobNames('ending')).toEqual(['ending-20260501T1000Z']);
    expect((await h.schedules.get('ending'))?.nextFireAt).toBeNull();
  });

  it('with catch_up last, fires only the latest missed tick after downtime and records the others as skipped', async () => {
    const h = new FiringHarness('2026-05-01T06:30:00Z');
    await h.put('late');
    await fireDueSchedules(h.at('2026-05-01T10:20:00Z').host());
    expect(await h.jobNames('late')).toEqual(['late-20260501T1000Z']);
    expect((await h.schedules.get('late'))?.skipped).toEqual([{ from: '2026-05-01T07:00:00.000Z', to: '2026-05-01T09:00:00.000Z', reason: expect.stringContaining('catch_up: last') }]);
  });

  it('with concurrency forbid, skips a tick while the previous job runs, and fires the next once it has ended', async () => {
    const h = new FiringHarness('2026-05-01T09:30:00Z');
    await h.put('single', { concurrency: 'forbid' });
    await fireDueSchedules(h.at('2026-05-01T10:00:00Z').host());
    await fireDueSchedules(h.at('2026-05-01T11:00:00Z').host());
    await h.endJob('single-20260501T1000Z');
    await fireDueSchedules(h.at('2026-05-01T12:00:00Z').host());
    expect(await h.jobNames('single')).toEqual(['single-20260501T1000Z', 'single-20260501T1200Z']);
    expect((await h.schedules.get('single'))?.skipped[0]?.reason).toMatch(/previous job single-20260501T1000Z has not ended \(NotStarted; concurrency: forbid\)/);
  });

  it('with concurrency replace, cancels the previous job and submits the new one', async () => {
    const h = new FiringHarness('2026-05-01T09:30:00Z');
    await h.put('newest', { concurrency: 'replace' });
    await fireDueSchedules(h.at('2026-05-01T10:00:00Z').host());
    await fireDueSchedules(h.at('2026-05-01T11:00:00Z').host());
    expect(h.canceled).toEqual(['newest-20260501T1000Z']);
    expect((await h.jobs.get('newest-20260501T1000Z'))?.status).toBe('CancelRequested');
    expect(await h.jobNames('newest')).toEqual(['newest-20260501T1000Z', 'newest-20260501T1100Z']);
  });

  it('records a refused job as a rejected submission and a skipped tick, and goes on with the next ticks', async () => {
    const h = new FiringHarness('2026-05-01T09:30:00Z');
    await h.put('elsewhere', { create_job: { command: 'echo', environment: 'azureml:env@latest', compute: 'gpu-cluster' } });
    await fireDueSchedules(h.at('2026-05-01T10:00:00Z').host());
    const record = await h.schedules.get('elsewhere');
    expect(record?.jobs).toEqual([]);
    expect(record?.skipped[0]?.reason).toMatch(/job elsewhere-20260501T1000Z was refused: compute: .*rejected submission schedule-elsewhere-20260501T1000Z/);
    expect((await h.jobs.getRejected('schedule-elsewhere-20260501T1000Z'))?.source).toBe('schedule');
    expect(record?.nextFireAt).toBe(Date.parse('2026-05-01T11:00:00Z'));
  });

  it('keeps secret environment variables of the job sealed in the schedule and seals them again for each job', async () => {
    const h = new FiringHarness('2026-05-01T09:30:00Z');
    await h.put('secretive', { create_job: { command: 'echo', environment: 'azureml:env@latest', environment_variables: { API_TOKEN: 'hunter2', MODE: 'fast' } } });
    const stored = JSON.stringify(await h.schedules.get('secretive'));
    expect(stored).not.toContain('hunter2');
    await fireDueSchedules(h.at('2026-05-01T10:00:00Z').host());
    const job = await h.jobs.get('secretive-20260501T1000Z');
    expect(job?.spec.environment_variables?.['MODE']).toBe('fast');
    expect(job?.spec.environment_variables?.['API_TOKEN']).toMatch(/^djsecret:v1:/);
    expect(JSON.stringify(job)).not.toContain('hunter2');
  });
});
