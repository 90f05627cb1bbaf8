import { randomUUID } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiTestApp, type ApiTestApp } from './apiOnLocalStack';

/**
 * GET /api/jobs, /api/jobs/{name}/logs[/…] and /api/jobs/{name}/outputs[/…] on the real app, with
 * records in the Cosmos DB emulator and logs and outputs in Azurite, seeded through the adapters.
 */

let t: ApiTestApp;
const run = randomUUID().slice(0, 8);

beforeAll(async () => {
  t = await startApiTestApp();
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

interface Body {
  [field: string]: unknown;
  jobs?: Array<{ name: string }>;
  continuation_token?: string;
  error?: { code: string; message: string };
}
const json = async (response: Response) => ({ status: response.status, body: (await response.json()) as Body });
const names = (body: Body) => (body.jobs ?? []).map((job) => job.name);

describe('GET /api/jobs', () => {
  const exp = `list-${run}`;
  beforeAll(async () => {
    await t.seedJob(`a-${run}`, { experiment: exp, tags: { team: 'vision' }, status: 'Completed' });
    await t.seedJob(`b-${run}`, { experiment: exp, tags: { team: 'nlp' }, status: 'Failed' });
    await t.seedJob(`c-${run}`, { experiment: exp, tags: { team: 'vision', stage: 'dev' }, status: 'Running' });
    await t.seedJob(`d-${run}`, { experiment: exp, type: 'parallel' });
    await t.seedJob(`e-${run}`, { experiment: exp, status: 'Completed' });
  });

  it('lists the jobs of an experiment newest first, as GET /api/jobs/{name} shows them, with counts per status', async () => {
    const { status, body } = await json(await t.get(`jobs?experiment=${exp}`));
    expect(status).toBe(200);
    expect(names(body)).toEqual([`e-${run}`, `d-${run}`, `c-${run}`, `b-${run}`, `a-${run}`]);
    expect(body.jobs?.[0]).toMatchObject({ name: `e-${run}`, type: 'command', status: 'Completed', experiment_name: exp, studio_url: expect.stringContaining(`/jobs/e-${run}`) });
    expect(body['counts']).toEqual({ Completed: 2, Failed: 1, Running: 1, NotStarted: 1 });
    expect(body['total']).toBe(5);
    expect(body).not.toHaveProperty('continuation_token');
  });

  it('filters by statuses, type and tags, and counts within the same filters', async () => {
    const byStatus = await json(await t.get(`jobs?experiment=${exp}&status=Completed,failed`));
    expect(names(byStatus.body)).toEqual([`e-${run}`, `b-${run}`, `a-${run}`]);
    expect(byStatus.body['counts']).toEqual({ Completed: 2, Failed: 1 });
    expect(names((await json(await t.get(`jobs?experiment=${exp}&type=parallel`))).body)).toEqual([`d-${run}`]);
    const tagged = await json(await t.get(`jobs?experiment=${exp}&tag=team%3Dvision&tag=stage%3Ddev`));
    expect(names(tagged.body)).toEqual([`c-${run}`]);
    expect(tagged.body['counts']).toEqual({ Running: 1 });
  });

  it('pages with top and a continuation token, given back in the query or the header', async () => {
    const first = await t.get(`jobs?experiment=${exp}&top=2`);
    const page1 = await json(first);
    expect(names(page1.body)).toEqual([`e-${run}`, `d-${run}`]);
    const token = page1.body.continuation_token!;
    expect(first.headers.get('x-ms-continuation-token')).toBe(token);
    const page2 = await json(await t.get(`jobs?experiment=${exp}&top=2&counts=false&continuationToken=${encodeURIComponent(token)}`));
    expect(names(page2.body)).toEqual([`c-${run}`, `b-${run}`]);
    expect(page2.body).not.toHaveProperty('counts');
    const page3 = await json(await t.get(`jobs?experiment=${exp}&top=2`, { 'x-ms-continuation-token': page2.body.continuation_token! }));
    expect(names(page3.body)).toEqual([`a-${run}`]);
    expect(page3.body).not.toHaveProperty('continuation_token');
  });

  it('answers 400 with a JSON error for an unknown status, a bad page size or a token of other filters', async () => {
    expect(await json(await t.get('jobs?status=Done'))).toMatchObject({ status: 400, body: { error: { code: 'ValidationError', details: [{ path: 'status', message: expect.stringContaining('"Done" is not a job status') }] } } });
    expect((await json(await t.get('jobs?top=5000'))).status).toBe(400);
    const { body } = await json(await t.get(`jobs?experiment=${exp}&top=1`));
    const other = await json(await t.get(`jobs?experiment=other&top=1&continuationToken=${encodeURIComponent(body.continuation_token!)}`));
    expect(other).toMatchObject({ status: 400, body: { error: { details: [{ path: 'continuationToken', message: expect.stringContaining('issued for other filters') }] } } });
  });
});

describe('GET /api/jobs/{name}/logs', () => {
  const job = `logs-${run}`;
  const log = 'user_logs/std_log.txt';
  const text = Array.from({ length: 10 }, (_, i) => `line ${i + 1}\n`).join('');
  beforeAll(async () => {
    const url = await t.artifacts.appendLog(job, log, Buffer.from(text));
    await t.artifacts.appendLog(job, 'system_logs/héllo wörld.txt', Buffer.from('système\n'));
    await t.seedJob(job, { status: 'Running', patch: { logFiles: { [log]: url, 'system_logs/héllo wörld.txt': 'https://blob/x' } } });
  });

  it('lists the log files with their sizes and API paths', async () => {
    expect(await json(await t.get(`jobs/${job}/logs`))).toEqual({
      status: 200,
      body: {
        name: job, status: 'Running',
        log_files: [
          { name: 'system_logs/héllo wörld.txt', size: Buffer.byteLength('système\n'), href: `/api/jobs/${job}/logs/system_logs/h%C3%A9llo%20w%C3%B6rld.txt` },
          { name: log, size: text.length, href: `/api/jobs/${job}/logs/user_logs/std_log.txt` },
        ],
      },
    });
    expect(await (await t.get(`jobs/${job}/logs/system_logs/h%C3%A9llo%20w%C3%B6rld.txt`)).text()).toBe('système\n');
  });

  it('answers the whole log as text with its size', async () => {
    const response = await t.get(`jobs/${job}/logs/${log}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('x-log-size')).toBe(String(text.length));
    expect(await response.text()).toBe(text);
  });

  it('answers a byte range with 206 and Content-Range, cut at the end of the log', async () => {
    const middle = await t.get(`jobs/${job}/logs/${log}`, { range: 'bytes=7-13' });
    expect(middle.status).toBe(206);
    expect(middle.headers.get('content-range')).toBe(`bytes 7-13/${text.length}`);
    expect(await middle.text()).toBe(text.slice(7, 14));
    const rest = await t.get(`jobs/${job}/logs/${log}`, { range: `bytes=${text.length - 3}-999999` });
    expect(rest.headers.get('content-range')).toBe(`bytes ${text.length - 3}-${text.length - 1}/${text.length}`);
    expect(await rest.text()).toBe(text.slice(-3));
    const suffix = await t.get(`jobs/${job}/logs/${log}`, { range: 'bytes=-8' });
    expect(await suffix.text()).toBe('line 10\n');
  });

  it('answers 416 with the size for a range starting at or past the end', async () => {
    const response = await t.get(`jobs/${job}/logs/${log}`, { range: `bytes=${text.length}-` });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe(`bytes */${text.length}`);
    expect(await response.json()).toMatchObject({ error: { code: 'RangeNotSatisfiable' } });
  });

  it('answers the last N lines for ?tail=N', async () => {
    const response = await t.get(`jobs/${job}/logs/${log}?tail=3`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('line 8\nline 9\nline 10\n');
    expect(response.headers.get('x-log-size')).toBe(String(text.length));
    expect(await (await t.get(`jobs/${job}/logs/${log}?tail=0`)).text()).toBe('');
  });

  it('answers 404 for an unknown job or log, and 400 for a path that leaves the job', async () => {
    expect(await json(await t.get(`jobs/nope-${run}/logs/${log}`))).toEqual({ status: 404, body: { error: { code: 'NotFound', message: `job nope-${run} does not exist` } } });
    expect((await json(await t.get(`jobs/nope-${run}/logs`))).status).toBe(404);
    expect(await json(await t.get(`jobs/${job}/logs/user_logs/other.txt`))).toEqual({
      status: 404, body: { error: { code: 'NotFound', message: `job ${job} has no log user_logs/other.txt; its logs: ${log}, system_logs/héllo wörld.txt` } },
    });
    const escape = await json(await t.get(`jobs/${job}/logs/..%2F..%2Fa-${run}%2Flogs%2Fx`));
    expect(escape).toMatchObject({ status: 400, body: { error: { code: 'ValidationError', details: [{ path: 'logName', message: expect.stringContaining('".." segment') }] } } });
    expect((await json(await t.get(`jobs/${job}/logs/${log}?tail=2`, { range: 'bytes=0-1' }))).status).toBe(400);
  });
});

describe('GET /api/jobs/{name}/outputs', () => {
  const job = `outputs-${run}`;
  let uri: string;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dj-api-outputs-'));
    await mkdir(path.join(dir, 'nested'), { recursive: true });
    await writeFile(path.join(dir, 'metrics.json'), '{"accuracy":0.9}');
    await writeFile(path.join(dir, 'nested', 'weights.bin'), Buffer.from([0, 1, 2, 255]));
    uri = await t.artifacts.uploadOutput(job, 'model', dir);
    await t.seedJob(job, { status: 'Completed', spec: { outputs: { model: { type: 'uri_folder' }, report: {} } }, patch: { outputs: { model: uri } } });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists the declared outputs with the URI each was uploaded to', async () => {
    expect(await json(await t.get(`jobs/${job}/outputs`))).toEqual({
      status: 200,
      body: {
        name: job, status: 'Completed',
        outputs: [
          { name: 'model', type: 'uri_folder', uri, href: `/api/jobs/${job}/outputs/model` },
          { name: 'report', type: 'uri_folder', uri: null, href: `/api/jobs/${job}/outputs/report` },
        ],
      },
    });
  });

  it('lists the files of an output with their sizes', async () => {
    expect(await json(await t.get(`jobs/${job}/outputs/model`))).toEqual({
      status: 200,
      body: {
        name: job, output: 'model', uri,
        files: [
          { path: 'metrics.json', size: 16, href: `/api/jobs/${job}/outputs/model?path=metrics.json` },
          { path: 'nested/weights.bin', size: 4, href: `/api/jobs/${job}/outputs/model?path=nested%2Fweights.bin` },
        ],
      },
    });
    expect((await json(await t.get(`jobs/${job}/outputs/report`))).body).toMatchObject({ uri: null, files: [] });
  });

  it('downloads a file with a content type from its extension, as an attachment', async () => {
    const metrics = await t.get(`jobs/${job}/outputs/model?path=metrics.json`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toBe('application/json');
    expect(metrics.headers.get('content-disposition')).toBe(`attachment; filename="metrics.json"; filename*=UTF-8''metrics.json`);
    expect(await metrics.json()).toEqual({ accuracy: 0.9 });
    const weights = await t.get(`jobs/${job}/outputs/model?path=nested/weights.bin`);
    expect(weights.headers.get('content-type')).toBe('application/octet-stream');
    expect([...new Uint8Array(await weights.arrayBuffer())]).toEqual([0, 1, 2, 255]);
  });

  it('lists and downloads an output that went to a datastore path of its own, and only the files the job wrote there', async () => {
    const container = `results-${run}`;
    const datastore = BlobServiceClient.fromConnectionString(t.app.settings['AzureWebJobsStorage']!).getContainerClient(container);
    await datastore.createIfNotExists();
    await datastore.getBlockBlobClient('shared/someone-else.txt').uploadData(Buffer.from('not this job'));
    const destination = `azureml://datastores/${container}/paths/shared/`;
    const placed = `placed-${run}`;
    await t.artifacts.uploadOutput(placed, 'model', dir, destination);
    await t.seedJob(placed, { status: 'Completed', spec: { outputs: { model: { type: 'uri_folder', path: destination } } }, patch: { outputs: { model: destination } } });

    const listed = await json(await t.get(`jobs/${placed}/outputs/model`));
    expect(listed.body).toMatchObject({ uri: destination, files: [{ path: 'metrics.json', size: 16 }, { path: 'nested/weights.bin', size: 4 }] });
    expect(await (await t.get(`jobs/${placed}/outputs/model?path=metrics.json`)).json()).toEqual({ accuracy: 0.9 });
    expect((await t.get(`jobs/${placed}/outputs/model?path=someone-else.txt`)).status).toBe(404);
    await datastore.deleteIfExists();
  });

  it('answers 404 for an unknown job, output or file, and 400 for a path that leaves the output', async () => {
    expect(await json(await t.get(`jobs/nope-${run}/outputs/model`))).toEqual({ status: 404, body: { error: { code: 'NotFound', message: `job nope-${run} does not exist` } } });
    expect(await json(await t.get(`jobs/${job}/outputs/weights`))).toEqual({ status: 404, body: { error: { code: 'NotFound', message: `job ${job} has no output weights; its outputs: model, report` } } });
    expect(await json(await t.get(`jobs/${job}/outputs/model?path=missing.txt`))).toEqual({ status: 404, body: { error: { code: 'NotFound', message: `output model of job ${job} has no file missing.txt` } } });
    expect((await json(await t.get(`jobs/${job}/outputs/report?path=a.txt`))).body.error?.message).toContain('has not been uploaded yet');
    const escape = await json(await t.get(`jobs/${job}/outputs/model?path=../../logs-${run}/logs/user_logs/std_log.txt`));
    expect(escape).toMatchObject({ status: 400, body: { error: { code: 'ValidationError', details: [{ path: 'path', message: expect.stringContaining('".." segment') }] } } });
    expect((await json(await t.get(`jobs/${job}/outputs/model?path=/etc/passwd`))).status).toBe(400);
  });
});
