import { describe, expect, it } from 'vitest';
import { InvalidTransitionError, NotFoundError, ValidationError } from '../../../src/model/errors';
import { canTransition, JOB_STATUSES, type JobStatus } from '../../../src/model/status';
import type { JobRecord } from '../../../src/model/jobRecord';
import type { JobStore } from '../../../src/ports';
import type { OpenStore } from '../jobStoreConformance';
import { at, jobRecord, pathTo } from '../jobRecords';

async function jobAt(store: JobStore, name: string, status: JobStatus): Promise<void> {
  await store.create(jobRecord(name));
  for (const [i, step] of pathTo(status).entries()) await store.transition(name, step, { at: at(i + 1) });
}

export function describeTransitions(open: OpenStore): void {
  describe('transition and update', () => {
    it('walks a job through every stage to Completed, recording each change with its time and reason', async () => {
      const { store } = await open();
      await store.create(jobRecord('walk_job'));
      const stages: JobStatus[] = ['Starting', 'Provisioning', 'Preparing', 'Queued', 'Running', 'Finalizing', 'Completed'];
      for (const [i, stage] of stages.entries()) await store.transition('walk_job', stage, { at: at(i + 1), reason: `step ${i + 1}` });

      const done = await store.get('walk_job');
      expect(done?.status).toBe('Completed');
      expect(done?.statusHistory.map((c) => [c.status, c.reason])).toEqual([['NotStarted', undefined], ...stages.map((s, i) => [s, `step ${i + 1}`])]);
      expect(done?.startedAt).toBe(at(5).toISOString());
      expect(done?.endedAt).toBe(at(7).toISOString());
    });

    it.each(JOB_STATUSES)('moves from %s to exactly the statuses its transition table allows', async (from) => {
      const { store } = await open();
      for (const to of JOB_STATUSES) {
        const name = `from_${from}_to_${to}`;
        await jobAt(store, name, from);
        const before = await store.get(name);
        const attempt = store.transition(name, to, { at: at(100) });
        if (canTransition(from, to)) {
          expect((await attempt).status).toBe(to);
        } else {
          await expect(attempt).rejects.toBeInstanceOf(InvalidTransitionError);
          await expect(attempt).rejects.toMatchObject({ from, to });
          expect(await store.get(name)).toEqual(before);
        }
      }
    });

    it('records the error and applies the patch in the same write', async () => {
      const { store } = await open();
      await jobAt(store, 'failing_job', 'Running');

      const failed = await store.transition('failing_job', 'Failed', {
        at: at(50),
        reason: 'exit code 2',
        error: { code: 'UserError', message: 'exit code 2' },
        patch: { outputs: { model: 'https://blob/model' } },
      });

      expect(failed).toMatchObject({ status: 'Failed', error: { code: 'UserError' }, outputs: { model: 'https://blob/model' }, endedAt: at(50).toISOString() });
      expect(await store.get('failing_job')).toEqual(failed);
    });

    it('refuses a patch that would set the status or history behind the state machine', async () => {
      const { store } = await open();
      await jobAt(store, 'patched_job', 'Running');
      const attempt = store.transition('patched_job', 'Finalizing', { at: at(9), patch: { status: 'Completed' } });
      await expect(attempt).rejects.toBeInstanceOf(ValidationError);
      await expect(attempt).rejects.toThrow(/patch\.status/);
      expect((await store.get('patched_job'))?.status).toBe('Running');
    });

    it('applies a general update and returns the record with a new ETag', async () => {
      const { store } = await open();
      const { record } = await store.create(jobRecord('updated_job'));

      const updated = await store.update('updated_job', (current) => ({ ...current, logFiles: { 'user_logs/std_log.txt': 'https://blob/log' } }));

      expect(updated.logFiles).toEqual({ 'user_logs/std_log.txt': 'https://blob/log' });
      expect(updated._etag).not.toBe(record._etag);
      expect(await store.get('updated_job')).toEqual(updated);
    });

    it('lets errors thrown by the change pass through unchanged and writes nothing', async () => {
      const { store } = await open();
      const { record } = await store.create(jobRecord('throwing_job'));
      const failure = new Error('decided not to');

      await expect(store.update('throwing_job', () => { throw failure; })).rejects.toBe(failure);
      expect(await store.get('throwing_job')).toEqual(record);
    });

    it('refuses an update that renames the job, breaks the record, skips the state machine or drops history', async () => {
      const { store } = await open();
      await jobAt(store, 'guarded_job', 'Queued');

      await expect(store.update('guarded_job', (r) => ({ ...r, name: 'other', id: 'other' }))).rejects.toThrow(/changed the name from "guarded_job" to "other"/);
      await expect(store.update('guarded_job', (r) => ({ ...r, createdAt: 'yesterday' }))).rejects.toBeInstanceOf(ValidationError);
      await expect(store.update('guarded_job', (r) => ({ ...r, status: 'Completed', statusHistory: [...r.statusHistory, { status: 'Completed', at: r.createdAt }] }))).rejects.toBeInstanceOf(InvalidTransitionError);
      await expect(store.update('guarded_job', (r) => ({ ...r, statusHistory: r.statusHistory.slice(-1) }))).rejects.toThrow(/history is append-only/);
      expect((await store.get('guarded_job'))?.statusHistory).toHaveLength(pathTo('Queued').length + 1);
    });

    it('takes an update through several statuses in one write when each is in the history, and checks every step', async () => {
      const { store } = await open();
      await jobAt(store, 'chained_job', 'Preparing');
      const through = (statuses: JobStatus[]) => (r: JobRecord): JobRecord => ({
        ...r, status: statuses.at(-1)!, statusHistory: [...r.statusHistory, ...statuses.map((status) => ({ status, at: r.createdAt }))],
      });

      await expect(store.update('chained_job', through(['Queued', 'Completed']))).rejects.toBeInstanceOf(InvalidTransitionError);
      await expect(store.update('chained_job', through(['Completed', 'Running']))).rejects.toBeInstanceOf(InvalidTransitionError);
      const moved = await store.update('chained_job', through(['Queued', 'Running']));
      expect(moved.statusHistory.slice(-3).map((change) => change.status)).toEqual(['Preparing', 'Queued', 'Running']);
    });

    it('reports an unknown job as NotFoundError', async () => {
      const { store } = await open();
      await expect(store.transition('missing_job', 'Starting', { at: at(1) })).rejects.toBeInstanceOf(NotFoundError);
      await expect(store.update('missing_job', (r) => r)).rejects.toThrow(/job "missing_job" does not exist/);
    });
  });
}
