import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, repoRoot } from '../support/hostProcess';
import { startAppOnLocalStack, type LocalStackApp } from './appOnLocalStack';

let app: LocalStackApp;

beforeAll(async () => {
  app = await startAppOnLocalStack();
}, 60_000);
afterAll(async () => {
  await app?.stop();
});

const example = (file: string) => readFileSync(path.join(repoRoot, 'examples', file), 'utf8');
const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 10)}`;

const logOf = (url: string) => app.readBlob(url);

describe('command jobs end to end on the local stack', () => {
  it('runs a job dropped on the queue by a plain storage client to Completed, with its record and log', async () => {
    const name = unique('hello');
    await app.send({ job: example('hello-world.yml'), name });
    const job = await app.waitForStatus(name, ['Completed', 'Failed', 'Canceled']);
    expect(job.status, JSON.stringify(job.error)).toBe('Completed');
    expect(job.status_history.map((change) => change.status)).toEqual(['NotStarted', 'Starting', 'Preparing', 'Queued', 'Running', 'Finalizing', 'Completed']);
    expect(job.studio_url).toBe(`http://127.0.0.1:7071/studio/jobs/${name}`);
    const logUrl = job.log_files['user_logs/std_log.txt'];
    expect(logUrl).toContain(`/${app.settings['ARTIFACTS_CONTAINER']}/${name}/logs/user_logs/std_log.txt`);
    expect(await logOf(logUrl!)).toBe('hello world from durable-jobs\n');
  });

  it('snapshots code, resolves inputs and uploads outputs (examples/inputs-outputs.yml)', async () => {
    const name = unique('words');
    const response = await fetch(`${app.host.url}/api/jobs?name=${name}`, { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: example('inputs-outputs.yml') });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/api/jobs/${name}`);
    const job = await app.waitForStatus(name, ['Completed', 'Failed', 'Canceled']);
    expect(job.status, JSON.stringify(job.error)).toBe('Completed');
    const report = job.outputs['report']?.path;
    expect(report).toMatch(new RegExp(`/${app.settings['ARTIFACTS_CONTAINER']}/${name}/outputs/report/$`));
    const counts = JSON.parse(await app.readBlob(`${report}word_counts.json`)) as Array<[string, number]>;
    expect(counts.length).toBeGreaterThan(0);
    expect(await logOf(job.log_files['user_logs/std_log.txt']!)).toMatch(/^\d+ words, \d+ distinct\n$/);
  });

  it('ends a failing command Failed with its exit code and the last lines of its log', async () => {
    const name = unique('failing');
    await app.send({ job: example('failing.yml'), name });
    const job = await app.waitForStatus(name, ['Completed', 'Failed', 'Canceled']);
    expect(job.status).toBe('Failed');
    expect(job.error).toEqual({ code: 'UserError', message: 'exit code 3; last lines of user_logs/std_log.txt:\nloading train.csv\nerror: train.csv has no rows' });
  });

  it('cancels a running job within 2 seconds of the request', async () => {
    const name = unique('long');
    await app.send({ job: example('long-running.yml'), name });
    await app.waitForStatus(name, ['Running']);
    await eventually(async () => ((await logOf((await app.job(name)).log_files['user_logs/std_log.txt']!)).includes('step 1 of 600') ? true : undefined), 'the first step in the log');
    const asked = Date.now();
    const cancel = await fetch(`${app.host.url}/api/jobs/${name}/cancel`, { method: 'POST', body: JSON.stringify({ reason: 'enough' }) });
    expect(cancel.status).toBe(202);
    const job = await app.waitForStatus(name, ['Canceled', 'Completed', 'Failed'], 10_000);
    expect(Date.now() - asked).toBeLessThan(2_000);
    expect(job.status_history.slice(-2)).toMatchObject([{ status: 'CancelRequested', reason: 'enough' }, { status: 'Canceled', reason: 'enough' }]);
  });

  it('cancels a job that reaches limits.timeout, with reason timeout', async () => {
    const name = unique('slow');
    await app.send({ name, job: { command: 'sleep 30', environment: 'azureml:python:1', limits: { timeout: 2 } } });
    const job = await app.waitForStatus(name, ['Canceled', 'Completed', 'Failed'], 20_000);
    expect(job.status_history.slice(-2)).toMatchObject([{ status: 'CancelRequested', reason: 'timeout' }, { status: 'Canceled', reason: 'timeout' }]);
  });

  it('parks a malformed message in the poison queue with its reason, at once', async () => {
    await app.send({ job: { command: 'echo', environment: 'azureml:python:1', comand: 'typo' } });
    const poison = await eventually(async () => (await app.poisonQueue.receiveMessages({ numberOfMessages: 1 }).catch(() => undefined))?.receivedMessageItems[0], 'a poison message');
    const body = JSON.parse(Buffer.from(poison.messageText, 'base64').toString('utf8'));
    expect(body).toMatchObject({
      error: { code: 'ValidationError', details: [{ path: 'comand', message: 'unknown field "comand" — did you mean "command"?' }] },
      source: { queue: app.settings['JOB_SUBMISSION_QUEUE'], dequeueCount: 1 },
      original: { job: { comand: 'typo' } },
    });
    const rejection = await fetch(`${app.host.url}/api/rejected-submissions/${body.rejectionId}`);
    expect(await rejection.json()).toMatchObject({ id: body.rejectionId, source: 'queue', errors: body.error.details });
  });

  it('makes one job of a message delivered twice', async () => {
    const name = unique('twice');
    const message = { name, job: { command: 'echo once', environment: 'azureml:python:1' } };
    await app.send(message);
    await app.send(message);
    const job = await app.waitForStatus(name, ['Completed', 'Failed', 'Canceled']);
    expect(job.status).toBe('Completed');
    expect(await logOf(job.log_files['user_logs/std_log.txt']!)).toBe('once\n');
    expect(job.status_history.filter((change) => change.status === 'Running')).toHaveLength(1);
    // One run: a second would have written "once" twice. Its folder is removed once the job has ended.
    const runsDir = path.join(app.workDir, 'runs', 'local');
    await eventually(async () => ((await readdir(runsDir)).some((run) => run.startsWith(`${name}-`)) ? undefined : true), `the run folder of ${name} to be removed`);
  });

  it('keeps secret environment variables out of the record and the logs, and hands them to the command', async () => {
    const name = unique('secret');
    await app.send({ name, job: { command: 'test "${#HF_TOKEN}" = 13 && case "$HF_TOKEN" in hf_e2e_*) echo token ok;; esac', environment: 'azureml:python:1', environment_variables: { HF_TOKEN: 'hf_e2e_s3cret' } } });
    const job = await app.waitForStatus(name, ['Completed', 'Failed', 'Canceled']);
    expect(job.status, JSON.stringify(job.error)).toBe('Completed');
    expect(await logOf(job.log_files['user_logs/std_log.txt']!)).toBe('token ok\n');
    expect(job.environment_variables).toEqual({ HF_TOKEN: '***' });
    const yaml = await (await fetch(`${app.host.url}/api/jobs/${name}?format=yaml`)).text();
    expect(yaml).not.toContain('hf_e2e_s3cret');
    expect(JSON.stringify(app.logger.lines)).not.toContain('hf_e2e_s3cret');
    const stored = await app.cosmosDocument(name);
    expect(JSON.stringify(stored)).toContain('djsecret:v1:');
    expect(JSON.stringify(stored)).not.toContain('hf_e2e_s3cret');
  });
});
