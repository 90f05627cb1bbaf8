import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../../../src/model/errors';
import type { Fixtures } from '../artifactStoreConformance';

const LOG = 'user_logs/std_log.txt';

export function describeLogs({ open }: Fixtures): void {
  describe('logs', () => {
    it('creates a log on its first append and returns the log URL for the job record', async () => {
      const { store } = await open();
      const url = await store.appendLog('job_1', LOG, Buffer.from('hello\n'));
      const again = await store.appendLog('job_1', LOG, Buffer.from('world\n'));

      expect(url).toMatch(/^https?:\/\/.+\/job_1\/logs\/user_logs\/std_log\.txt$/);
      expect(again).toBe(url);
      expect(await store.readLog('job_1', LOG)).toEqual({ data: Buffer.from('hello\nworld\n'), size: 12 });
      expect(await store.logSize('job_1', LOG)).toBe(12);
    });

    it('replaces a log whole, whatever it held, and creates one that did not exist', async () => {
      const { store } = await open();
      await store.appendLog('job_replace', LOG, Buffer.from('old content that is longer\n'));
      const url = await store.replaceLog('job_replace', LOG, Buffer.from('new\n'));
      await store.replaceLog('job_replace', 'logs/fresh.txt', Buffer.from('fresh'));

      expect(url).toBe(await store.appendLog('job_replace', LOG, Buffer.alloc(0)));
      expect((await store.readLog('job_replace', LOG))?.data.toString()).toBe('new\n');
      expect((await store.readLog('job_replace', 'logs/fresh.txt'))?.data.toString()).toBe('fresh');
    });

    it('keeps 50 appends fired without waiting for each other in call order', async () => {
      const { store } = await open();
      const lines = Array.from({ length: 50 }, (_, i) => `line ${i}\n`);
      await Promise.all(lines.map((line) => store.appendLog('job_order', LOG, Buffer.from(line))));

      expect((await store.readLog('job_order', LOG))?.data.toString()).toBe(lines.join(''));
    });

    it('loses nothing when two store instances create and append to the same log at once', async () => {
      const harness = await open();
      const stores = [harness.store, harness.twin()];
      await Promise.all(Array.from({ length: 10 }, (_, i) => stores[i % 2]?.appendLog('job_twin', LOG, Buffer.from(`${i}\n`))));

      const lines = (await harness.store.readLog('job_twin', LOG))?.data.toString().trim().split('\n');
      expect(lines?.map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    });

    it('reads byte ranges (end inclusive), cuts ranges at the end, and reads tails, always with the total size', async () => {
      const { store } = await open();
      await store.appendLog('job_range', LOG, Buffer.from('0123456789'));
      const read = async (range: Parameters<typeof store.readLog>[2]) => {
        const result = await store.readLog('job_range', LOG, range);
        return [result?.data.toString(), result?.size];
      };

      expect(await read({ start: 2, end: 4 })).toEqual(['234', 10]);
      expect(await read({ start: 7 })).toEqual(['789', 10]);
      expect(await read({ start: 8, end: 100 })).toEqual(['89', 10]);
      expect(await read({ start: 10 })).toEqual(['', 10]);
      expect(await read({ start: 25, end: 30 })).toEqual(['', 10]);
      expect(await read({ tail: 3 })).toEqual(['789', 10]);
      expect(await read({ tail: 50 })).toEqual(['0123456789', 10]);
      expect(await read({ tail: 0 })).toEqual(['', 10]);
    });

    it('refuses malformed ranges with a ValidationError naming the field', async () => {
      const { store } = await open();
      await store.appendLog('job_bad_range', LOG, Buffer.from('x'));
      await expect(store.readLog('job_bad_range', LOG, { start: -1 })).rejects.toThrow(/range\.start.*expected an integer ≥ 0, got -1/);
      await expect(store.readLog('job_bad_range', LOG, { start: 5, end: 2 })).rejects.toThrow(/range\.end.*got 2/);
      await expect(store.readLog('job_bad_range', LOG, { tail: 1.5 })).rejects.toBeInstanceOf(ValidationError);
    });

    it('splits a chunk larger than the 4 MiB append limit', async () => {
      const { store } = await open();
      const big = randomBytes(9 * 1024 * 1024 + 17);
      await store.appendLog('job_big', LOG, Buffer.from('start\n'));
      await store.appendLog('job_big', LOG, big);
      await store.appendLog('job_big', LOG, Buffer.from('end\n'));

      const log = await store.readLog('job_big', LOG);
      expect(log?.size).toBe(big.length + 10);
      expect(log?.data.equals(Buffer.concat([Buffer.from('start\n'), big, Buffer.from('end\n')]))).toBe(true);
    });

    it('appends exactly once at an offset: a repeated chunk is skipped, a partly written one completed, a wrong offset refused', async () => {
      const { store } = await open();
      await store.appendLog('job_offset', LOG, Buffer.from('hello'), 0);
      await store.appendLog('job_offset', LOG, Buffer.from('hello'), 0);
      await store.appendLog('job_offset', LOG, Buffer.from('hello world'), 0);
      await store.appendLog('job_offset', LOG, Buffer.from('!'), 11);
      const wrong = store.appendLog('job_offset', LOG, Buffer.from('?'), 3);

      await expect(wrong).rejects.toBeInstanceOf(ConflictError);
      await expect(wrong).rejects.toThrow(/job_offset\/logs\/user_logs\/std_log\.txt is 12 bytes long; a chunk of 1 bytes for offset 3/);
      expect((await store.readLog('job_offset', LOG))?.data.toString()).toBe('hello world!');
    });

    it('creates an empty log for an empty chunk, and answers undefined for a log that does not exist', async () => {
      const { store } = await open();
      const url = await store.appendLog('job_empty', LOG, Buffer.alloc(0));

      expect(url).toMatch(/\/job_empty\/logs\/user_logs\/std_log\.txt$/);
      expect(await store.readLog('job_empty', LOG)).toEqual({ data: Buffer.alloc(0), size: 0 });
      expect(await store.readLog('job_empty', 'other.txt')).toBeUndefined();
      expect(await store.readLog('job_empty', 'other.txt', { tail: 10 })).toBeUndefined();
      expect(await store.logSize('no_such_job', LOG)).toBeUndefined();
    });

    it('leaves a log as it is for an empty chunk, and returns its URL', async () => {
      const { store } = await open();
      const url = await store.appendLog('job_empty_again', LOG, Buffer.from('kept\n'));

      expect(await store.appendLog('job_empty_again', LOG, Buffer.alloc(0))).toBe(url);
      expect(await store.readLog('job_empty_again', LOG)).toEqual({ data: Buffer.from('kept\n'), size: 5 });
    });

    it.each(['../x', '/etc/passwd', 'a/../../b', 'a\\b', 'C:/x', ''])('refuses the log name %j with a ValidationError naming it', async (logName) => {
      const { store } = await open();
      const attempt = store.appendLog('job_paths', logName, Buffer.from('x'));
      await expect(attempt).rejects.toBeInstanceOf(ValidationError);
      await expect(attempt).rejects.toThrow(`logName  ${JSON.stringify(logName)}: `);
    });

    it('refuses a job name that is not one', async () => {
      const { store } = await open();
      await expect(store.appendLog('../other_job', LOG, Buffer.from('x'))).rejects.toThrow(`job  "../other_job": job names start with`);
    });
  });
}
