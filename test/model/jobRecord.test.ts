import { describe, it, expect } from 'vitest';
import { InvalidTransitionError } from '../../src/model/errors';
import { JobRecord, newJobRecord, studioUrlFor, withStatus } from '../../src/model/jobRecord';
import { parseJob } from '../../src/model/parseJob';

const spec = parseJob(
  {
    name: 'hello_job',
    command: 'echo ${{inputs.who}}',
    environment: 'azureml:python@latest',
    inputs: { who: 'world' },
    experiment_name: 'greetings',
    tags: { team: 'ml' },
  },
  { random: () => 0 },
);
const t0 = new Date('2025-01-02T03:04:05.000Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe('newJobRecord', () => {
  it('creates a NotStarted record keyed by the job name, with one history entry', () => {
    const record = newJobRecord(spec, { now: t0, studioBaseUrl: 'http://localhost:7071/studio/' });
    expect(record).toEqual({
      id: 'hello_job',
      name: 'hello_job',
      type: 'command',
      status: 'NotStarted',
      statusHistory: [{ status: 'NotStarted', at: '2025-01-02T03:04:05.000Z' }],
      spec,
      createdAt: '2025-01-02T03:04:05.000Z',
      logFiles: {},
      outputs: {},
      studioUrl: 'http://localhost:7071/studio/jobs/hello_job',
      experimentName: 'greetings',
      tags: { team: 'ml' },
    });
    expect(JobRecord.parse(record)).toEqual(record);
  });

  it('files jobs without an experiment under Default, with no tags', () => {
    const bare = parseJob({ name: 'bare', command: 'true', environment: 'env:1' }, { random: () => 0 });
    const record = newJobRecord(bare, { now: t0, studioBaseUrl: 'https://studio.example' });
    expect(record.experimentName).toBe('Default');
    expect(record.tags).toEqual({});
  });

  it('escapes the job name in the studio URL', () => {
    expect(studioUrlFor('https://studio.example//', 'a-b_c')).toBe('https://studio.example/jobs/a-b_c');
  });
});

describe('withStatus', () => {
  const submitted = newJobRecord(spec, { now: t0, studioBaseUrl: 'https://studio.example' });

  it('appends each change to the history and sets startedAt on first Running and endedAt on a terminal status', () => {
    let record = withStatus(submitted, 'Starting', { at: at(1) });
    record = withStatus(record, 'Running', { at: at(2) });
    record = withStatus(record, 'NotResponding', { at: at(3), reason: 'no heartbeat for 120 s' });
    record = withStatus(record, 'Running', { at: at(4), reason: 'heartbeat resumed' });
    record = withStatus(record, 'Completed', { at: at(5) });
    expect(record.status).toBe('Completed');
    expect(record.statusHistory.map((change) => change.status)).toEqual(['NotStarted', 'Starting', 'Running', 'NotResponding', 'Running', 'Completed']);
    expect(record.statusHistory[3]).toEqual({ status: 'NotResponding', at: '2025-01-02T03:04:08.000Z', reason: 'no heartbeat for 120 s' });
    expect(record.startedAt).toBe('2025-01-02T03:04:07.000Z');
    expect(record.endedAt).toBe('2025-01-02T03:04:10.000Z');
    expect(JobRecord.parse(record)).toEqual(record);
  });

  it('records the error of a failed job', () => {
    const failed = withStatus(withStatus(submitted, 'Starting', { at: at(1) }), 'Failed', {
      at: at(2),
      reason: 'process exited with 3',
      error: { code: 'UserError', message: 'train.py exited with code 3' },
    });
    expect(failed.error).toEqual({ code: 'UserError', message: 'train.py exited with code 3' });
    expect(failed.endedAt).toBe('2025-01-02T03:04:07.000Z');
    expect(failed.startedAt).toBeUndefined();
  });

  it('refuses a transition the table does not allow, naming the job and both states', () => {
    expect(() => withStatus(submitted, 'Completed', { at: at(1) })).toThrow(InvalidTransitionError);
    expect(() => withStatus(submitted, 'Completed', { at: at(1) })).toThrow(/job hello_job: cannot move from NotStarted to Completed/);
  });

  it('returns a new record and keeps the etag for the conditional write', () => {
    const stored = { ...submitted, _etag: '"0x1"' };
    const next = withStatus(stored, 'Starting', { at: at(1) });
    expect(next).not.toBe(stored);
    expect(stored.status).toBe('NotStarted');
    expect(next._etag).toBe('"0x1"');
  });
});

describe('JobRecord', () => {
  const record = newJobRecord(spec, { now: t0, studioBaseUrl: 'https://studio.example' });

  it('drops the system properties Cosmos DB adds, keeping _etag', () => {
    const fromCosmos = { ...record, _rid: 'abc', _self: 'dbs/x', _ts: 1735787045, _attachments: 'attachments/', _etag: '"0x2"' };
    expect(JobRecord.parse(fromCosmos)).toEqual({ ...record, _etag: '"0x2"' });
  });

  it('rejects a record whose id, type or status disagree with the rest', () => {
    const result = JobRecord.safeParse({ ...record, id: 'other', type: 'parallel', status: 'Running' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'id "other" must equal name "hello_job"',
      'type "parallel" must equal spec.type "command"',
      'status Running differs from the last statusHistory entry (NotStarted)',
    ]);
  });

  it('accepts parallel progress counters', () => {
    const progress = { miniBatches: { total: 10, running: 2, succeeded: 7, failed: 1 }, items: { succeeded: 690, failed: 10 } };
    expect(JobRecord.parse({ ...record, progress }).progress).toEqual(progress);
  });
});
