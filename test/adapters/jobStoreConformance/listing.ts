import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/model/errors';
import type { JobQuery, JobStore } from '../../../src/ports';
import type { OpenStore } from '../jobStoreConformance';
import { at, jobRecord } from '../jobRecords';

/** 25 jobs, job_00 oldest … job_24 newest: every 3rd parallel, even ones in experiment "even", tags by i % 5. */
async function seed(store: JobStore): Promise<void> {
  for (let i = 0; i < 25; i++) {
    const name = `job_${String(i).padStart(2, '0')}`;
    await store.create(jobRecord(name, { createdAfter: i, type: i % 3 === 0 ? 'parallel' : 'command', experiment: i % 2 === 0 ? 'even' : 'odd', tags: { group: `g${i % 5}`, all: 'yes' } }));
    if (i % 4 === 0) await store.transition(name, 'Starting', { at: at(100) });
  }
}

async function allPages(store: JobStore, query: JobQuery): Promise<string[][]> {
  const pages: string[][] = [];
  let continuationToken: string | undefined;
  do {
    const page = await store.list({ ...query, ...(continuationToken !== undefined && { continuationToken }) });
    pages.push(page.jobs.map((job) => job.name));
    continuationToken = page.continuationToken;
  } while (continuationToken !== undefined && pages.length < 20);
  return pages;
}

const names = (numbers: number[]) => numbers.map((i) => `job_${String(i).padStart(2, '0')}`);
const newestFirst = (keep: (i: number) => boolean) => names(Array.from({ length: 25 }, (_, i) => 24 - i).filter(keep));

export function describeListing(open: OpenStore): void {
  describe('list and countByStatus', () => {
    it('pages through 25 jobs newest first, 10 at a time, with continuation tokens', async () => {
      const { store } = await open();
      await seed(store);

      const pages = await allPages(store, { top: 10 });

      expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
      expect(pages.flat()).toEqual(newestFirst(() => true));
    });

    it('filters by status, type, experiment and tags, alone and together, across pages', async () => {
      const { store } = await open();
      await seed(store);
      const list = async (query: JobQuery) => (await allPages(store, { ...query, top: 4 })).flat();

      expect(await list({ status: ['Starting'] })).toEqual(newestFirst((i) => i % 4 === 0));
      expect(await list({ status: ['Starting', 'NotStarted'] })).toEqual(newestFirst(() => true));
      expect(await list({ type: 'parallel' })).toEqual(newestFirst((i) => i % 3 === 0));
      expect(await list({ experimentName: 'even' })).toEqual(newestFirst((i) => i % 2 === 0));
      expect(await list({ tags: { group: 'g1' } })).toEqual(newestFirst((i) => i % 5 === 1));
      expect(await list({ tags: { group: 'g1', all: 'yes' }, experimentName: 'odd', type: 'command', status: ['NotStarted'] })).toEqual(newestFirst((i) => i % 5 === 1 && i % 2 === 1 && i % 3 !== 0 && i % 4 !== 0));
      expect(await list({ tags: { group: 'g1', all: 'no' } })).toEqual([]);
    });

    it('answers an empty page without a token when nothing matches', async () => {
      const { store } = await open();
      expect(await store.list({})).toEqual({ jobs: [] });
    });

    it('refuses a bad page size, a mangled token and a token issued for other filters', async () => {
      const { store } = await open();
      await seed(store);
      const { continuationToken } = await store.list({ top: 5, experimentName: 'even' });

      for (const top of [0, 1001, 2.5]) await expect(store.list({ top })).rejects.toThrow(/top.*expected an integer from 1 to 1000/);
      await expect(store.list({ continuationToken: 'garbage' })).rejects.toThrow(/continuationToken.*is not a token this service issued/);
      await expect(store.list({ experimentName: 'odd', ...(continuationToken !== undefined && { continuationToken }) })).rejects.toThrow(/issued for other filters/);
      await expect(store.list({ continuationToken: 'garbage' })).rejects.toBeInstanceOf(ValidationError);
    });

    it('counts jobs per status, leaving out statuses with none, under the same filters', async () => {
      const { store } = await open();
      expect(await store.countByStatus({})).toEqual({});
      await seed(store);

      expect(await store.countByStatus({})).toEqual({ NotStarted: 18, Starting: 7 });
      expect(await store.countByStatus({ type: 'parallel' })).toEqual({ NotStarted: 6, Starting: 3 });
      expect(await store.countByStatus({ experimentName: 'odd', tags: { group: 'g1' } })).toEqual({ NotStarted: 3 });
    });
  });
}
