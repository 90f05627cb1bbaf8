import { describe, expect, it } from 'vitest';
import { ConflictError, NonRetryableError, ValidationError } from '../../../src/model/errors';
import type { OpenStore } from '../jobStoreConformance';
import { jobRecord } from '../jobRecords';

export function describeCreate(open: OpenStore): void {
  describe('create and get', () => {
    it('creates a record and returns it with an ETag; get returns the same record', async () => {
      const { store } = await open();
      const record = jobRecord('first_job', { experiment: 'exp', tags: { team: 'ml' } });

      const { record: created, created: isNew } = await store.create(record);

      expect(isNew).toBe(true);
      expect(created).toEqual({ ...record, _etag: expect.any(String) });
      expect(await store.get('first_job')).toEqual(created);
    });

    it('returns the existing record, not created again, when the same spec comes again (a redelivered message)', async () => {
      const { store } = await open();
      const { record: first } = await store.create(jobRecord('dup_job', { tags: { a: '1', b: '2' } }));

      const again = jobRecord('dup_job', { tags: { b: '2', a: '1' }, createdAfter: 60 });
      const second = await store.create(again);

      expect(second.created).toBe(false);
      expect(second.record).toEqual(first);
    });

    it('makes one record when the same submission races with itself', async () => {
      const { store } = await open();
      const results = await Promise.all(Array.from({ length: 5 }, () => store.create(jobRecord('raced_job'))));

      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.record._etag)).size).toBe(1);
    });

    it('rejects a different spec under an existing name with a ConflictError naming the job', async () => {
      const { store } = await open();
      await store.create(jobRecord('taken_job', { command: 'echo one' }));

      const attempt = store.create(jobRecord('taken_job', { command: 'echo two' }));

      await expect(attempt).rejects.toBeInstanceOf(ConflictError);
      await expect(attempt).rejects.toThrow(/job "taken_job" already exists with a different spec/);
      expect((await store.get('taken_job'))?.spec).toMatchObject({ command: 'echo one' });
    });

    it('refuses an invalid record or job name with a ValidationError and stores nothing', async () => {
      const { store } = await open();
      const record = jobRecord('valid_name');

      await expect(store.create({ ...record, status: 'Running' })).rejects.toThrow(/status Running differs from the last statusHistory entry/);
      await expect(store.create({ ...record, id: 'other' })).rejects.toBeInstanceOf(ValidationError);
      await expect(store.get('a/b')).rejects.toThrow(/invalid job name[\s\S]*"a\/b"/);
      expect(await store.get('valid_name')).toBeUndefined();
    });

    it('answers undefined for a job that does not exist', async () => {
      const { store } = await open();
      expect(await store.get('no_such_job')).toBeUndefined();
    });

    it('reports a corrupted stored document as a NonRetryableError naming the job and the bad field', async () => {
      const harness = await open();
      const { _etag: _ignored, ...record } = jobRecord('broken_job');
      await harness.putRawDocument({ ...record, status: 'Bogus', statusHistory: [{ status: 'Bogus', at: record.createdAt }] });

      const read = harness.store.get('broken_job');
      await expect(read).rejects.toBeInstanceOf(NonRetryableError);
      await expect(read).rejects.toThrow(/job "broken_job": the stored record in .* is malformed[\s\S]*status: /);
      await expect(harness.store.list({})).rejects.toThrow(/job "broken_job"/);
      await expect(harness.store.transition('broken_job', 'Starting', { at: new Date() })).rejects.toThrow(/job "broken_job"/);
      await expect(harness.store.create(jobRecord('broken_job'))).rejects.toThrow(/job "broken_job"/);
    });
  });
}
