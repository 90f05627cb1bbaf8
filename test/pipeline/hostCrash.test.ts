import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { QueueClient } from '@azure/storage-queue';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, repoRoot, startHostProcess, type HostProcess } from '../support/hostProcess';
import { localStackSettings, type JobView } from './appOnLocalStack';

const running: HostProcess[] = [];
const workDirs: string[] = [];
afterAll(async () => {
  for (const host of running.splice(0)) host.child.kill('SIGKILL');
  await Promise.all(workDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function job(host: HostProcess, name: string): Promise<JobView | undefined> {
  const response = await fetch(`${host.url}/api/jobs/${name}`);
  return response.status === 200 ? ((await response.json()) as JobView) : undefined;
}

describe('a host killed with SIGKILL in the middle of a job', () => {
  it('comes back, finds the run still going, and completes the job with its whole log', async () => {
    const id = randomUUID().replace(/-/g, '').slice(0, 10);
    const workDir = await mkdtemp(path.join(tmpdir(), 'dj-crash-'));
    workDirs.push(workDir);
    const settings = { ...localStackSettings(id, workDir), FUNCTIONS_MASTER_KEY: '' };
    const start = async () => {
      const host = await startHostProcess(repoRoot, settings, 60_000);
      running.push(host);
      return host;
    };
    let host = await start();
    const name = `crash-${id}`;
    const queue = new QueueClient(settings.AzureWebJobsStorage, settings.JOB_SUBMISSION_QUEUE);
    await queue.createIfNotExists();
    const message = { name, job: { command: 'echo begin; sleep 4; echo end', environment: 'azureml:python:1' } };
    await queue.sendMessage(Buffer.from(JSON.stringify(message)).toString('base64'));
    await eventually(async () => ((await job(host, name))?.status === 'Running' ? true : undefined), 'the job to run', 30_000);

    host.child.kill('SIGKILL');
    expect(await host.exited).toBe('SIGKILL');
    host = await start();

    const done = await eventually(async () => {
      const view = await job(host, name);
      return view && ['Completed', 'Failed', 'Canceled'].includes(view.status) ? view : undefined;
    }, 'the job to end', 60_000);
    expect(done.status, JSON.stringify(done.error)).toBe('Completed');
    const log = await BlobServiceClient.fromConnectionString(settings.AzureWebJobsStorage)
      .getContainerClient(settings.ARTIFACTS_CONTAINER).getBlobClient(`${name}/logs/user_logs/std_log.txt`).downloadToBuffer();
    expect(log.toString('utf8')).toBe('begin\nend\n');
    // One run (a second would have written "begin" again), whose folder is removed once the job has ended.
    const runsDir = path.join(workDir, 'runs', 'local');
    await eventually(async () => ((await readdir(runsDir)).some((run) => run.startsWith(`${name}-`)) ? undefined : true), `the run folder of ${name} to be removed`);
  }, 120_000);
});
