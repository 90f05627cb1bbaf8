import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidTransitionError } from '../../../src/model/errors';
import type { JobStore } from '../../../src/ports';
import type { OpenStore } from '../jobStoreConformance';
import { at, jobRecord } from '../jobRecords';

async function runningJob(store: JobStore, name: string): Promise<void> {
  await store.create(jobRecord(name));
  await store.transition(name, 'Starting', { at: at(1) });
  await store.transition(name, 'Running', { at: at(2) });
}

export function describeConcurrency(open: OpenStore): void {
  describe('concurrent writers (ETag conditions)', () => {
    it('applies exactly one of 10 racing transitions to CancelRequested; the others see InvalidTransitionError', async () => {
      const { store } = await open();
      await runningJob(store, 'cancel_race');

      const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => store.transition('cancel_race', 'CancelRequested', { at: at(10), reason: `caller ${i}` })));

      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results.filter((r) => r.status === 'rejected')) expect(r.reason).toBeInstanceOf(InvalidTransitionError);
      const history = (await store.get('cancel_race'))?.statusHistory.map((c) => c.status);
      expect(history).toEqual(['NotStarted', 'Starting', 'Running', 'CancelRequested']);
    });

    it('applies each of 10 racing changes exactly once, losing none (n writers need at most n attempts)', async () => {
      const { store } = await open({ maxAttempts: 10 });
      await runningJob(store, 'update_race');

      const writes = Array.from({ length: 9 }, (_, i) => store.update('update_race', (r) => ({ ...r, logFiles: { ...r.logFiles, [`log_${i}`]: `url_${i}` } })));
      const move = store.transition('update_race', 'Finalizing', { at: at(20), reason: 'exited 0' });
      await Promise.all([...writes, move]);

      const final = await store.get('update_race');
      expect(Object.keys(final?.logFiles ?? {}).sort()).toEqual(Array.from({ length: 9 }, (_, i) => `log_${i}`));
      expect(final?.statusHistory.map((c) => c.status)).toEqual(['NotStarted', 'Starting', 'Running', 'Finalizing']);
    });

    it('gives up with a ConflictError once its attempts are used up, and the losers change nothing', async () => {
      const { store } = await open({ maxAttempts: 1 });
      await runningJob(store, 'no_retry_race');

      const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => store.update('no_retry_race', (r) => ({ ...r, outputs: { ...r.outputs, [`out_${i}`]: 'x' } }))));

      const lost = results.filter((r) => r.status === 'rejected');
      expect(lost.length).toBeGreaterThan(0);
      for (const r of lost) {
        expect(r.reason).toBeInstanceOf(ConflictError);
        expect(String(r.reason)).toMatch(/job "no_retry_race": gave up after 1 attempt;/);
      }
      const final = await store.get('no_retry_race');
      expect(Object.keys(final?.outputs ?? {})).toHaveLength(results.length - lost.length);
    });
  });
}
