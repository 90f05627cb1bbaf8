import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/model/errors';
import type { RejectedSubmission } from '../../../src/ports';
import type { OpenStore } from '../jobStoreConformance';

const rejection: RejectedSubmission = {
  id: 'msg-0001',
  name: 'bad_job',
  receivedAt: '2025-03-01T12:00:00.000Z',
  source: 'queue',
  body: '{"job": {"type": "command"}}',
  errors: [{ path: 'command', message: 'missing required field', line: 1, col: 9 }],
};

export function describeRejected(open: OpenStore): void {
  describe('rejected submissions', () => {
    it('keeps a rejected submission and finds it by id', async () => {
      const { store } = await open();
      await store.recordRejected(rejection);

      expect(await store.getRejected('msg-0001')).toEqual(rejection);
      expect(await store.getRejected('msg-0002')).toBeUndefined();
    });

    it('keeps one entry when the same submission is recorded twice (a redelivered message)', async () => {
      const { store } = await open();
      await store.recordRejected(rejection);
      await store.recordRejected({ ...rejection, receivedAt: '2025-03-01T12:00:05.000Z' });

      expect((await store.getRejected('msg-0001'))?.receivedAt).toBe('2025-03-01T12:00:05.000Z');
    });

    it('cuts an oversized body and says how much was cut', async () => {
      const { store } = await open();
      await store.recordRejected({ ...rejection, id: 'big', body: 'x'.repeat(100_000) });

      const body = (await store.getRejected('big'))?.body ?? '';
      expect(body.length).toBeLessThan(70_000);
      expect(body).toMatch(/\[truncated: 34464 more characters\]$/);
    });

    it('refuses a malformed submission or id with a ValidationError naming the field', async () => {
      const { store } = await open();
      await expect(store.recordRejected({ ...rejection, id: 'a/b' })).rejects.toThrow(/id/);
      await expect(store.recordRejected({ ...rejection, source: 'email' as never })).rejects.toBeInstanceOf(ValidationError);
      await expect(store.getRejected('a#b')).rejects.toThrow(/invalid rejected submission id/);
    });
  });
}
