import { describe, expect, it } from 'vitest';
import { updateWithEtag, type EtagBackend } from '../../src/adapters/cosmos/jobStoreUpdate';
import { ConflictError } from '../../src/model/errors';
import type { JobRecord } from '../../src/model/jobRecord';
import { jobRecord } from './jobRecords';

/** A backend whose record changes under every write for the first `staleWrites` writes. */
function backend(staleWrites: number): EtagBackend & { reads: number; writes: JobRecord[] } {
  let version = 0;
  const state = { reads: 0, writes: [] as JobRecord[] };
  return Object.assign(state, {
    read: async () => {
      state.reads++;
      return { ...jobRecord('contended'), _etag: `v${version}` };
    },
    replace: async (_name: string, next: JobRecord) => {
      version++;
      if (version <= staleWrites) return 'stale' as const;
      state.writes.push(next);
      return { ...next, _etag: `v${version}` };
    },
  });
}

describe('updateWithEtag', () => {
  const noPause = { backoffMs: () => 0 };

  it('re-reads and re-applies the change after a failed ETag condition', async () => {
    const fake = backend(2);
    const result = await updateWithEtag(fake, 'contended', (r) => ({ ...r, tags: { seen: String(fake.reads) } }), noPause);

    expect(fake.reads).toBe(3);
    expect(result.tags).toEqual({ seen: '3' });
    expect(fake.writes).toHaveLength(1);
    expect(fake.writes[0]).not.toHaveProperty('_etag');
  });

  it('gives up after 5 attempts by default with a ConflictError that says the change was not applied', async () => {
    const fake = backend(Infinity);
    const pauses: number[] = [];
    const attempt = updateWithEtag(fake, 'contended', (r) => r, { backoffMs: (n) => (pauses.push(n), 0) });

    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    await expect(attempt).rejects.toThrow('job "contended": gave up after 5 attempts; another writer changed the record before each write (ETag precondition failed every time). The change was not applied; retry it later.');
    expect(fake.reads).toBe(5);
    expect(pauses).toEqual([2, 3, 4, 5]);
  });

  it('keeps the default pauses short: four retries take well under half a second', async () => {
    const started = Date.now();
    await updateWithEtag(backend(3), 'contended', (r) => r);
    expect(Date.now() - started).toBeLessThan(500);
  });
});
