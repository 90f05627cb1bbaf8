import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/model/errors';
import type { Fixtures } from '../artifactStoreConformance';

export function describeSystemFiles({ open }: Fixtures): void {
  describe('system files', () => {
    it('reads back what was written, and a second write replaces the first', async () => {
      const { store } = await open();
      const url = await store.writeSystemFile('job_sys', 'parallel/manifest.json', Buffer.from('{"a":1}'));
      await store.writeSystemFile('job_sys', 'parallel/manifest.json', Buffer.from('{"b":2}'));

      expect(url).toMatch(/\/job_sys\/sys\/parallel\/manifest\.json$/);
      expect((await store.readSystemFile('job_sys', 'parallel/manifest.json'))?.toString()).toBe('{"b":2}');
    });

    it('answers undefined for a file never written, also in a container that has nothing for the job', async () => {
      const { store } = await open();
      expect(await store.readSystemFile('job_none', 'parallel/results.jsonl')).toBeUndefined();
    });

    it('keeps an empty file apart from a missing one', async () => {
      const { store } = await open();
      await store.writeSystemFile('job_empty', 'empty.txt', Buffer.alloc(0));
      expect(await store.readSystemFile('job_empty', 'empty.txt')).toEqual(Buffer.alloc(0));
    });

    it('refuses a path that would leave the job\'s system folder', async () => {
      const { store } = await open();
      await expect(store.writeSystemFile('job_sys', '../logs/x.txt', Buffer.from('x'))).rejects.toThrow(ValidationError);
      await expect(store.readSystemFile('job_sys', '/abs')).rejects.toThrow(ValidationError);
    });
  });
}
