import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startHostChild, type HostChild } from './support/hostChild';
import { startBenchServices } from './support/localStack';
import { cpuScript, NOOP_SCRIPT } from './support/parallelScripts';

const ITEMS = Number(process.env.BENCH_PARALLEL_ITEMS ?? 100_000);
const CPU_ITEMS = Number(process.env.BENCH_PARALLEL_CPU_ITEMS ?? 4_000);
const CPU_MS = 5;

interface JobView { status: string; status_history: Array<{ status: string; at: string }>; error?: { message: string } }

interface Timing { endToEnd: number; running: number }

/**
 * Parallel jobs on the local stack, side by side with a plain loop calling the same run() over the
 * same mini-batches in one process: (a) a no-op run() over ITEMS files in 1,000 and 10,000
 * mini-batches — per-mini-batch overhead; (b) a CPU-bound run() (~5 ms per item) with 2 workers —
 * speed-up; (c) the host's peak RSS during (a) (the host runs in a process of its own).
 */
export async function parallelThroughput(): Promise<void> {
  const services = await startBenchServices();
  const dataRoot = path.join(services.workDir, 'data');
  const settings: Record<string, string> = {
    AzureWebJobsStorage: services.storage, COSMOS_ENDPOINT: services.cosmosEndpoint, COSMOS_KEY: services.cosmosKey,
    COSMOS_DATABASE: 'bench', COSMOS_JOBS_CONTAINER: 'jobs', JOB_SUBMISSION_QUEUE: 'bench-submissions',
    ARTIFACTS_CONTAINER: 'bench-artifacts', STUDIO_BASE_URL: 'http://127.0.0.1:7071/studio', LOCAL_DATA_ROOT: dataRoot,
    JOBS_WORK_ROOT: path.join(services.workDir, 'jobs'), LOCAL_RUNS_DIR: path.join(services.workDir, 'runs'),
    FUNCTIONS_MASTER_KEY: '', FUNCTIONS_DEFAULT_KEY: '',
  };
  Object.assign(process.env, settings);
  const files = await makeFiles(path.join(dataRoot, 'items'), ITEMS);
  await mkdir(path.join(dataRoot, 'src'), { recursive: true });
  await writeFile(path.join(dataRoot, 'src', 'noop.js'), NOOP_SCRIPT);
  await writeFile(path.join(dataRoot, 'src', 'cpu.js'), cpuScript(CPU_MS));

  const host = await startHostChild(settings);
  try {
    const noop = [];
    for (const target of [1_000, 10_000]) {
      const size = Math.ceil(ITEMS / target);
      const batches = Math.ceil(ITEMS / size);
      const loop = plainLoop(path.join(dataRoot, 'src', 'noop.js'), files, size);
      const job = await runJob(host, `noop-${batches}`, { items: './items', batchSize: size, script: 'noop.js', workers: 2 });
      noop.push({ batches, size, loop, job });
    }
    const rssPeak = await host.peakRss();
    const cpuFiles = files.slice(0, CPU_ITEMS);
    await makeFiles(path.join(dataRoot, 'cpu-items'), CPU_ITEMS);
    const cpuLoop = plainLoop(path.join(dataRoot, 'src', 'cpu.js'), cpuFiles, 40);
    const cpuJob = await runJob(host, 'cpu', { items: './cpu-items', batchSize: 40, script: 'cpu.js', workers: 2 });

    console.log('Parallel jobs on the local stack (Azurite on disk, Cosmos DB emulator, JS entry script, 2 worker processes)');
    for (const { batches, size, loop, job } of noop) {
      const overhead = (job.running - loop) / batches * 1000;
      console.log(`  (a) no-op run(), ${ITEMS.toLocaleString('en-US')} items in ${batches.toLocaleString('en-US')} mini-batches of ${size}: end to end ${job.endToEnd.toFixed(2)} s (Running ${job.running.toFixed(2)} s); plain loop ${loop.toFixed(3)} s -> ${overhead.toFixed(3)} ms overhead per mini-batch (goal ≤ 1 ms; Azure ML ~50 ms)`);
    }
    const [small, large] = noop;
    if (small && large) {
      const marginal = ((large.job.endToEnd - small.job.endToEnd) / (large.batches - small.batches)) * 1000;
      console.log(`      marginal cost of one more mini-batch (10,000 vs 1,000, end to end): ${marginal.toFixed(3)} ms`);
    }
    console.log(`  (b) CPU-bound run() (~${CPU_MS} ms per item), ${CPU_ITEMS.toLocaleString('en-US')} items in mini-batches of 40, 2 workers: end to end ${cpuJob.endToEnd.toFixed(2)} s (Running ${cpuJob.running.toFixed(2)} s); plain loop ${cpuLoop.toFixed(2)} s -> speed-up ${(cpuLoop / cpuJob.running).toFixed(2)}x while Running, ${(cpuLoop / cpuJob.endToEnd).toFixed(2)}x end to end (goal ≥ 1.8x)`);
    console.log(`  (c) host peak RSS during (a): ${(rssPeak / 2 ** 20).toFixed(0)} MB (the host process alone, VmHWM; workers are processes of their own) (goal ≤ 300 MB)`);
  } finally {
    await host.stop();
    await services.stop();
  }
}

async function makeFiles(dir: string, count: number): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const names = Array.from({ length: count }, (_, i) => path.join(dir, `item_${String(i).padStart(6, '0')}.txt`));
  for (let i = 0; i < names.length; i += 500) await Promise.all(names.slice(i, i + 500).map((name) => writeFile(name, 'x')));
  return names;
}

/** Seconds the plain loop takes: init() once, run() on each batch of `size` paths, in this process. */
function plainLoop(script: string, files: readonly string[], size: number): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the user's CommonJS entry script, loaded as a worker would
  const entry = require(script) as { init?: () => void; run: (batch: string[]) => unknown[] };
  const started = performance.now();
  entry.init?.();
  for (let i = 0; i < files.length; i += size) entry.run(files.slice(i, i + size));
  return (performance.now() - started) / 1000;
}

async function runJob(host: HostChild, name: string, options: { items: string; batchSize: number; script: string; workers: number }): Promise<Timing> {
  const job = {
    type: 'parallel', name, inputs: { items: { type: 'uri_folder', path: options.items } }, outputs: { out: { type: 'uri_folder' } },
    input_data: '${{inputs.items}}', mini_batch_size: options.batchSize, max_concurrency_per_instance: options.workers,
    retry_settings: { max_retries: 0, timeout: 600 },
    task: { code: './src', entry_script: options.script, append_row_to: '${{outputs.out}}', environment: 'azureml:node:1' },
  };
  const started = performance.now();
  // Submitting is idempotent on the name: a connection reset is retried.
  const submit = () => fetch(`${host.url}/api/jobs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(job) });
  const response = await submit().catch((err: unknown) => {
    process.stderr.write(`  (submitting ${name}: ${String((err as Error).cause ?? err)}; retrying)\n`);
    return submit();
  });
  if (response.status !== 201) throw new Error(`bench: submitting ${name}: ${response.status} ${await response.text()}`);
  for (;;) {
    const view = (await (await fetch(`${host.url}/api/jobs/${name}`)).json()) as JobView;
    if (['Completed', 'Failed', 'Canceled'].includes(view.status)) {
      const endToEnd = (performance.now() - started) / 1000;
      if (view.status !== 'Completed') throw new Error(`bench: ${name} ended ${view.status}: ${view.error?.message}`);
      const at = (status: string) => Date.parse(view.status_history.find((change) => change.status === status)?.at ?? '');
      return { endToEnd, running: (at('Finalizing') - at('Running')) / 1000 };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
