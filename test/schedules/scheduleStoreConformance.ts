import { afterEach, describe, expect, it } from 'vitest';
import { ConflictError, NonRetryableError, NotFoundError, ValidationError } from '../../src/model/errors';
import { withJob } from '../../src/schedules/model/scheduleRecord';
import type { ScheduleStore } from '../../src/schedules/ports';
import { scheduleRecord, T0 } from './fixtures';

/** The ScheduleStore contract (src/schedules/ports.ts) as tests, run against every adapter. */

export interface ScheduleStoreHarness {
  readonly store: ScheduleStore;
  putRawDocument(document: Record<string, unknown> & { id: string }): Promise<void>;
  dispose(): Promise<void>;
}

export type OpenScheduleStore = (options?: { maxAttempts?: number }) => Promise<ScheduleStoreHarness>;

export function describeScheduleStoreConformance(name: string, makeStore: OpenScheduleStore): void {
  describe(`ScheduleStore conformance: ${name}`, () => {
    const toDispose: Array<() => Promise<void>> = [];
    afterEach(() => Promise.all(toDispose.splice(0).map((dispose) => dispose())));
    /** A fresh, initialized, empty store, disposed of after the test. */
    const open: OpenScheduleStore = (options) => makeStore(options).then(async (harness) => {
      toDispose.push(() => harness.dispose());
      await harness.store.init();
      return harness;
    });

    it('creates a schedule and reads it back with an ETag', async () => {
      const { store } = await open();
      await store.create(scheduleRecord('nightly'));
      const read = await store.get('nightly');
      expect(read?.schedule.trigger).toEqual({ type: 'cron', expression: '0 * * * *' });
      expect(read?._etag).toEqual(expect.any(String));
      expect(await store.get('other')).toBeUndefined();
    });

    it('refuses a taken name with a ConflictError, and an invalid name with a ValidationError', async () => {
      const { store } = await open();
      await store.create(scheduleRecord('nightly'));
      await expect(store.create(scheduleRecord('nightly'))).rejects.toBeInstanceOf(ConflictError);
      await expect(store.get('bad name')).rejects.toBeInstanceOf(ValidationError);
    });

    it('applies each of 8 racing updates exactly once', async () => {
      const { store } = await open({ maxAttempts: 8 });
      await store.create(scheduleRecord('raced'));
      await Promise.all(Array.from({ length: 8 }, (_, i) => store.update('raced', (current) => withJob(current, { name: `raced-job-${i}`, fireTime: new Date(T0).toISOString() }))));
      const read = await store.get('raced');
      expect(read?.jobs.map((job) => job.name).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `raced-job-${i}`));
      expect(read?.jobsCreated).toBe(8);
    });

    it('leaves the record as it is when the change returns undefined', async () => {
      const { store } = await open();
      const created = await store.create(scheduleRecord('unchanged'));
      const after = await store.update('unchanged', () => undefined);
      expect(after._etag).toBe(created._etag);
    });

    it('refuses an update of an unknown schedule, and a change that renames it', async () => {
      const { store } = await open();
      await expect(store.update('ghost', (current) => current)).rejects.toBeInstanceOf(NotFoundError);
      await store.create(scheduleRecord('named'));
      await expect(store.update('named', (current) => ({ ...current, name: 'renamed' }))).rejects.toBeInstanceOf(ValidationError);
    });

    it('deletes only the version it was given, and says when there was nothing to delete', async () => {
      const { store } = await open();
      const created = await store.create(scheduleRecord('gone'));
      await store.update('gone', (current) => ({ ...current, updatedAt: new Date(T0 + 1000).toISOString() }));
      await expect(store.delete('gone', created._etag)).rejects.toBeInstanceOf(ConflictError);
      expect(await store.delete('gone')).toBe(true);
      expect(await store.delete('gone')).toBe(false);
      expect(await store.get('gone')).toBeUndefined();
    });

    it('lists schedules by name in pages', async () => {
      const { store } = await open();
      for (const name of ['c-sched', 'a-sched', 'b-sched']) await store.create(scheduleRecord(name));
      const first = await store.list({ top: 2 });
      expect(first.schedules.map((s) => s.name)).toEqual(['a-sched', 'b-sched']);
      const second = await store.list({ top: 2, continuationToken: first.continuationToken! });
      expect(second.schedules.map((s) => s.name)).toEqual(['c-sched']);
      expect(second.continuationToken).toBeUndefined();
    });

    it('lists as due exactly the enabled schedules whose next tick has come', async () => {
      const { store } = await open();
      await store.create(scheduleRecord('due', { nextFireAt: T0 }));
      await store.create(scheduleRecord('later', { nextFireAt: T0 + 60_000 }));
      await store.create(scheduleRecord('ended', { nextFireAt: null }));
      await store.create(scheduleRecord('disabled', { nextFireAt: T0 }, { is_enabled: false }));
      expect((await store.listDue(new Date(T0))).map((s) => s.name)).toEqual(['due']);
    });

    it('reports a malformed stored document as a NonRetryableError naming the schedule', async () => {
      const harness = await open();
      await harness.putRawDocument({ id: 'broken', name: 'broken', schedule: { name: 'broken' } });
      await expect(harness.store.get('broken')).rejects.toThrow(NonRetryableError);
      await expect(harness.store.get('broken')).rejects.toThrow(/schedule "broken"/);
    });
  });
}
