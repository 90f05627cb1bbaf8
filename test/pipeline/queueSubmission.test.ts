import { describe, expect, it } from 'vitest';
import { handleQueueSubmission } from '../../src/jobs/queueSubmission';
import { MAX_POISON_JSON_BYTES, type PoisonMessage } from '../../src/jobs/rejection';
import { helloSpec, NOW, submitDeps } from './fixtures';

const info = { queue: 'job-submissions', messageId: 'm-1', dequeueCount: 1 };

async function rejected(message: unknown, deps = submitDeps()): Promise<PoisonMessage> {
  const result = await handleQueueSubmission(deps, message, info);
  if (result.outcome !== 'rejected') throw new Error('expected a rejection');
  return result.poison;
}

describe('a queue submission', () => {
  it('submits a valid message', async () => {
    const deps = submitDeps();
    const result = await handleQueueSubmission(deps, { job: helloSpec }, info);
    expect(result).toMatchObject({ outcome: 'submitted', created: true, record: { name: 'hello-1' } });
  });

  it('parks an invalid job with its errors, and records the rejection under the message id', async () => {
    const deps = submitDeps();
    const poison = await rejected({ job: { ...helloSpec, comand: 'x' } }, deps);
    expect(poison).toEqual({
      error: { code: 'ValidationError', message: 'invalid job', details: [{ path: 'comand', message: 'unknown field "comand" — did you mean "command"?' }] },
      rejectionId: 'queue-m-1',
      rejectedAt: NOW.toISOString(),
      source: info,
      original: { job: { ...helloSpec, comand: 'x' } },
    });
    expect(await deps.jobs.getRejected('queue-m-1')).toMatchObject({ id: 'queue-m-1', name: 'hello-1', source: 'queue', errors: poison.error.details });
    expect(await deps.jobs.get('hello-1')).toBeUndefined();
    expect(deps.runner.started).toEqual([]);
  });

  it('parks a message that is not JSON, and a name conflict', async () => {
    expect((await rejected('hello')).error).toMatchObject({ code: 'ValidationError', details: [{ path: '', message: expect.stringContaining('not JSON') }] });
    const deps = submitDeps();
    await handleQueueSubmission(deps, { job: helloSpec }, { ...info, messageId: 'm-0' });
    const conflict = await rejected({ job: { ...helloSpec, command: 'echo changed' } }, deps);
    expect(conflict.error).toMatchObject({ code: 'ConflictError', details: [{ path: 'name', message: expect.stringContaining('already exists with a different spec') }] });
  });

  it('keeps secret values out of the poison message and the rejection record', async () => {
    const deps = submitDeps();
    const yaml = 'command: echo\nenvironment: azureml:env:1\nenvironment_variables:\n  HF_TOKEN: hf_live_123\n  EPOCHS: 3\n';
    const poison = await rejected({ job: yaml }, deps);
    expect(poison.error.details).toEqual([expect.objectContaining({ path: 'environment_variables.EPOCHS', line: 5 })]);
    expect(JSON.stringify(poison)).not.toContain('hf_live_123');
    expect((poison.original as { job: string }).job).toContain('HF_TOKEN: "***"');
    expect((await deps.jobs.getRejected('queue-m-1'))?.body).not.toContain('hf_live_123');
  });

  it('cuts the original to keep the poison message within the 64 KiB a queue message may hold', async () => {
    const huge = { job: { ...helloSpec, description: 'x'.repeat(60_000), comand: 1 } };
    const poison = await rejected(huge);
    expect(poison.originalTruncated).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(poison))).toBeLessThanOrEqual(MAX_POISON_JSON_BYTES);
    expect(Buffer.byteLength(JSON.stringify(poison)) * 4 / 3).toBeLessThan(64 * 1024);
  });

  it('throws on store failures so the queue delivers the message again', async () => {
    const deps = submitDeps();
    deps.jobs.recordRejected = async () => { throw new Error('Cosmos DB unavailable'); };
    await expect(handleQueueSubmission(deps, 'not json', info)).rejects.toThrow('Cosmos DB unavailable');
  });
});
