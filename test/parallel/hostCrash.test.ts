import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localStackSettings, type JobView } from '../pipeline/appOnLocalStack';
import { eventually, repoRoot, startHostProcess, type HostProcess } from '../support/hostProcess';

/**
 * The crash test: a 200-mini-batch parallel job whose host is killed with SIGKILL several
 * times while it runs still completes, and its append_row output has every input's row exactly
 * once — none missing, none twice — in mini-batch order.
 */

const running: HostProcess[] = [];
const scratch: string[] = [];
afterAll(async () => {
  for (const host of running.splice(0)) host.child.kill('SIGKILL');
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

const SCRIPT = `
const path = require('node:path');
exports.init = () => {};
exports.run = async (batch) => {
  await new Promise((resolve) => setTimeout(resolve, 40));
  return batch.map((file) => path.basename(file));
};
`;

async function view(host: HostProcess, name: string): Promise<JobView | undefined> {
  const response = await fetch(`${host.url}/api/jobs/${name}`).catch(() => undefined);
  return response?.status === 200 ? ((await response.json()) as JobView) : undefined;
}

const succeeded = (job: JobView | undefined) => (job?.['progress'] as { miniBatches: { succeeded: number } } | undefined)?.miniBatches.succeeded ?? 0;

describe('a parallel job whose host is killed with SIGKILL again and again', () => {
  it('completes with no missing and no duplicated rows', async () => {
    const id = randomUUID().replace(/-/g, '').slice(0, 10);
    const workDir = await mkdtemp(path.join(tmpdir(), 'dj-pcrash-'));
    scratch.push(workDir);
    const dataRoot = path.join(workDir, 'data');
    await mkdir(path.join(dataRoot, 'items'), { recursive: true });
    await mkdir(path.join(dataRoot, 'src'), { recursive: true });
    await writeFile(path.join(dataRoot, 'src', 'echo.js'), SCRIPT);
    const files = Array.from({ length: 200 }, (_, i) => `item_${String(i).padStart(3, '0')}.txt`);
    await Promise.all(files.map((file) => writeFile(path.join(dataRoot, 'items', file), file)));
    const settings = { ...localStackSettings(id, workDir), LOCAL_DATA_ROOT: dataRoot, FUNCTIONS_MASTER_KEY: '' };
    const start = async () => {
      const host = await startHostProcess(repoRoot, settings, 60_000);
      running.push(host);
      return host;
    };

    let host = await start();
    const name = `pcrash-${id}`;
    const job = {
      type: 'parallel', name, inputs: { items: { type: 'uri_folder', path: './items' } }, outputs: { echoed: { type: 'uri_folder' } },
      input_data: '${{inputs.items}}', mini_batch_size: 1, max_concurrency_per_instance: 2, retry_settings: { max_retries: 2, timeout: 30 },
      task: { code: './src', entry_script: 'echo.js', append_row_to: '${{outputs.echoed}}', environment: 'azureml:node:1' },
    };
    const submitted = await fetch(`${host.url}/api/jobs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(job) });
    expect(submitted.status).toBe(201);

    for (const atLeast of [20, 80, 140]) {
      await eventually(async () => (succeeded(await view(host, name)) >= atLeast ? true : undefined), `${atLeast} mini-batches to succeed`, 90_000);
      host.child.kill('SIGKILL');
      expect(await host.exited).toBe('SIGKILL');
      host = await start();
    }

    const done = await eventually(async () => {
      const current = await view(host, name);
      return current && ['Completed', 'Failed', 'Canceled'].includes(current.status) ? current : undefined;
    }, 'the job to end', 120_000);
    expect(done.status, JSON.stringify(done.error)).toBe('Completed');
    const output = await fetch(`${host.url}/api/jobs/${name}/outputs/echoed?path=parallel_run_step.txt`);
    expect(output.status).toBe(200);
    expect((await output.text()).split('\n').filter(Boolean)).toEqual(files);
    expect(done['progress']).toEqual({ miniBatches: { total: 200, running: 0, succeeded: 200, failed: 0 }, items: { succeeded: 200, failed: 0 } });
  }, 400_000);
});
