import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppOnLocalStack, type LocalStackApp } from '../pipeline/appOnLocalStack';
import { repoRoot } from '../support/hostProcess';

/** The parallel examples as a user runs them: on the local stack (Cosmos DB emulator, Azurite), real worker processes. */

let app: LocalStackApp;
beforeAll(async () => {
  app = await startAppOnLocalStack();
}, 60_000);
afterAll(async () => app?.stop());

const example = (file: string) => readFileSync(path.join(repoRoot, 'examples', file), 'utf8');
const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
const ENDED = ['Completed', 'Failed', 'Canceled'];

async function submitYaml(file: string, name: string): Promise<void> {
  const response = await fetch(`${app.host.url}/api/jobs?name=${name}`, { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: example(file) });
  expect(response.status, await response.clone().text()).toBe(201);
}

async function outputText(name: string, output: string, file: string): Promise<string> {
  const response = await fetch(`${app.host.url}/api/jobs/${name}/outputs/${output}?path=${encodeURIComponent(file)}`);
  expect(response.status).toBe(200);
  return response.text();
}

describe('the parallel examples on the local stack', () => {
  it('classifies every file of a folder with a JavaScript entry script (parallel-file-classification.yml)', async () => {
    const name = unique('classify');
    await submitYaml('parallel-file-classification.yml', name);
    const job = await app.waitForStatus(name, ENDED, 60_000);
    expect(job.status, JSON.stringify(job.error)).toBe('Completed');
    const rows = (await outputText(name, 'classified', 'classified')).trim().split('\n');
    expect(rows.map((row) => row.split(',').slice(0, 2).join(','))).toEqual([
      'config.json,application/json', 'notes.md,text/markdown', 'pixel.svg,image/svg+xml', 'readme.txt,text/plain', 'table.csv,text/csv',
    ]);
    expect(rows.every((row) => row.endsWith(',ok'))).toBe(true);
    expect(job['progress']).toEqual({ miniBatches: { total: 3, running: 0, succeeded: 3, failed: 0 }, items: { succeeded: 5, failed: 0 } });
  }, 90_000);

  it('scores the rows of a CSV in ~1 kB mini-batches with a Python entry script (parallel-tabular-scoring.yml)', async () => {
    const name = unique('iris');
    await submitYaml('parallel-tabular-scoring.yml', name);
    const job = await app.waitForStatus(name, ENDED, 90_000);
    expect(job.status, JSON.stringify(job.error)).toBe('Completed');
    const csv = readFileSync(path.join(repoRoot, 'examples', 'data', 'iris.csv'), 'utf8').trim().split('\n').slice(1);
    const rows = (await outputText(name, 'scores', 'parallel_run_step.txt')).trim().split('\n');
    expect(rows).toHaveLength(csv.length);
    expect(rows.map((row) => row.split(',')[1])).toEqual(csv.map((line) => line.split(',')[4]));
    const progress = job['progress'] as { miniBatches: { total: number; succeeded: number } };
    expect(progress.miniBatches.total).toBeGreaterThan(1);
    expect(progress.miniBatches.succeeded).toBe(progress.miniBatches.total);
    const workerLog = job.log_files['logs/user/stdout/worker_000.txt'] ?? job.log_files['logs/user/stdout/worker_001.txt'];
    expect(await app.readBlob(workerLog!)).toContain('scoring mode: petal-rule');
  }, 120_000);

  it('completes with the failures it tolerates listed in job_error.txt (parallel-with-failures.yml)', async () => {
    const name = unique('reviews');
    await submitYaml('parallel-with-failures.yml', name);
    const job = await app.waitForStatus(name, ENDED, 90_000);
    expect(job.status, JSON.stringify(job.error)).toBe('Completed');
    expect(job['progress']).toEqual({ miniBatches: { total: 6, running: 0, succeeded: 4, failed: 2 }, items: { succeeded: 8, failed: 4 } });
    const errors = await app.readBlob(job.log_files['logs/job_error.txt']!);
    expect(errors).toMatch(/mini-batch 1 \(2 items, 2 attempts\): run\(\) raised: [\s\S]*review_04\.txt is corrupt/);
    expect(errors).toMatch(/mini-batch 4 \(2 items, 2 attempts\): run\(\) raised: [\s\S]*review_09\.txt is corrupt/);
    const rows = (await outputText(name, 'sentiment', 'parallel_run_step.txt')).trim().split('\n');
    expect(rows.map((row) => row.split(',')[0])).toEqual([1, 2, 5, 6, 7, 8, 11, 12].map((i) => `review_${String(i).padStart(2, '0')}.txt`));
    const csv = await app.readBlob(job.log_files['logs/sys/job_report/processed_mini-batches.csv']!);
    const csvRows = csv.trim().split('\n');
    expect(csvRows).toHaveLength(7);
    expect(csvRows[2]).toBe('1,2,0,2,2,' + csvRows[2]!.split(',')[5] + ',failed,run() raised: ValueError: review_04.txt is corrupt');
  }, 120_000);
});
