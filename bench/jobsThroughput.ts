import { spawn } from 'node:child_process';
import path from 'node:path';
import { QueueServiceClient } from '@azure/storage-queue';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createCosmosClient } from '../src/adapters/cosmos/client';
import { CosmosJobStore } from '../src/adapters/cosmos/jobStore';
import { packageRoot } from '../src/cli/packageRoot';
import { DurableExtension } from '../src/host/durable/durableExtension';
import { FunctionsHost } from '../src/host/functionsHost';
import { MemoryLogger } from '../src/host/runtime/logger';
import { newJobRecord, parseJob } from '../src/model';
import { startBenchServices } from './support/localStack';

const JOBS = Number(process.env.BENCH_JOBS ?? 40);
const SEEDED = Number(process.env.BENCH_SEEDED ?? 10_000);
const CONCURRENT_JOBS = 4;

async function poll<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 600_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The same command spawned directly, CONCURRENT_JOBS at a time: what the machine can do at best. */
async function rawSpawnRate(count: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      next++;
      await new Promise<void>((resolve, reject) => {
        const child = spawn('/bin/sh', ['-c', 'echo hi'], { stdio: ['ignore', 'pipe', 'pipe'] });
        child.stdout.resume();
        child.on('error', reject);
        child.on('exit', () => resolve());
      });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_JOBS }, worker));
  return count / ((performance.now() - started) / 1000);
}

interface Counts { total: number; counts: Record<string, number> }

interface LoadResult { rate: number; p50: number; p99: number; non2xx: number; errors: number }

/** Runs the load generator (autocannon) in its own process: see support/getLoad.ts. */
async function getLoad(url: string, jobs: number, rate: number, seconds: number): Promise<LoadResult> {
  const script = path.join(__dirname, 'support', 'getLoad.js');
  const { stdout } = await promisify(execFile)(process.execPath, [script, url, String(jobs), String(rate), String(seconds)]);
  return JSON.parse(stdout) as LoadResult;
}

/**
 * Command jobs end to end on the local stack: queue submission → record, trivial jobs to
 * Completed, and the latency of GET /api/jobs/{name} at a fixed rate with 10,000 jobs stored.
 */
export async function jobsThroughput(): Promise<void> {
  const services = await startBenchServices();
  const settings: Record<string, string> = {
    AzureWebJobsStorage: services.storage, COSMOS_ENDPOINT: services.cosmosEndpoint, COSMOS_KEY: services.cosmosKey,
    COSMOS_DATABASE: 'bench', COSMOS_JOBS_CONTAINER: 'jobs', JOB_SUBMISSION_QUEUE: 'bench-submissions',
    ARTIFACTS_CONTAINER: 'bench-artifacts', STUDIO_BASE_URL: 'http://127.0.0.1:7071/studio',
    JOBS_WORK_ROOT: path.join(services.workDir, 'jobs'), LOCAL_RUNS_DIR: path.join(services.workDir, 'runs'),
    COMPUTE_MAX_CONCURRENT_JOBS: String(CONCURRENT_JOBS), FUNCTIONS_MASTER_KEY: '', FUNCTIONS_DEFAULT_KEY: '',
  };
  Object.assign(process.env, settings);
  const host = await FunctionsHost.start({
    appDir: packageRoot(), port: 0, logger: new MemoryLogger(), extensions: [new DurableExtension({ hubName: 'BenchJobs' })],
  });
  try {
    const counts = async (): Promise<Counts> => (await (await fetch(`${host.url}/api/jobs?top=1`)).json()) as Counts;
    const queue = QueueServiceClient.fromConnectionString(services.storage).getQueueClient(settings.JOB_SUBMISSION_QUEUE!);
    await queue.createIfNotExists();
    const job = { command: 'echo hi', environment: 'azureml:bench:1' };
    const started = performance.now();
    await Promise.all(Array.from({ length: JOBS }, (_, i) =>
      queue.sendMessage(Buffer.from(JSON.stringify({ name: `trivial-${i}`, job })).toString('base64'))));
    await poll(async () => ((await counts()).total >= JOBS ? true : undefined), 'all job records');
    const recorded = (performance.now() - started) / 1000;
    let lastReport = 0;
    await poll(async () => {
      const c = await counts();
      if (performance.now() - lastReport > 5_000) {
        lastReport = performance.now();
        process.stderr.write(`  … ${((performance.now() - started) / 1000).toFixed(0)} s: ${JSON.stringify(c.counts)}\n`);
      }
      return (c.counts.Completed ?? 0) + (c.counts.Failed ?? 0) >= JOBS ? c : undefined;
    }, 'all jobs to finish');
    const finished = (performance.now() - started) / 1000;
    const completed = (await counts()).counts.Completed ?? 0;
    if (completed < JOBS) {
      const failed = (await (await fetch(`${host.url}/api/jobs?status=Failed&top=3`)).json()) as { jobs: Array<{ name: string; error?: { code: string; message: string } }> };
      for (const job of failed.jobs) process.stderr.write(`  failed: ${job.name}: ${job.error?.code} ${job.error?.message?.slice(0, 300)}\n`);
    }
    const spawnRate = await rawSpawnRate(2_000);

    // 10,000 jobs stored, then GET /api/jobs/{name} at a fixed 500 requests/s.
    const client = createCosmosClient({ endpoint: services.cosmosEndpoint, key: services.cosmosKey });
    const store = new CosmosJobStore({ client, database: 'bench', jobsContainer: 'jobs' });
    const spec = parseJob({ ...job, name: 'seed' }, { random: Math.random });
    let seeded = 0;
    await Promise.all(Array.from({ length: 32 }, async () => {
      while (seeded < SEEDED) {
        const name = `seed-${seeded++}`;
        await store.create(newJobRecord({ ...spec, name }, { now: new Date(), studioBaseUrl: settings.STUDIO_BASE_URL! }));
      }
    }));
    client.dispose();
    const result = await getLoad(host.url, SEEDED, 500, 10);

    console.log('Command jobs on the local stack (Azurite on disk, Cosmos DB emulator, local compute)');
    console.log(`  submission: ${JOBS} queue messages -> records in ${recorded.toFixed(2)} s = ${(JOBS / recorded).toFixed(1)} jobs/s`);
    console.log(`  trivial jobs (echo hi, ${CONCURRENT_JOBS} at a time): ${completed}/${JOBS} Completed in ${finished.toFixed(2)} s = ${(JOBS / finished).toFixed(1)} jobs/s`);
    console.log(`  raw spawn of the same command, ${CONCURRENT_JOBS} at a time: ${spawnRate.toFixed(0)} /s -> jobs reach ${((JOBS / finished) / spawnRate * 100).toFixed(1)}% of it (goal ≥ 50%)`);
    console.log(`  GET /api/jobs/{name} with ${SEEDED.toLocaleString('en-US')} jobs stored, ${result.rate.toFixed(0)} req/s offered 500: p50 ${result.p50} ms, p99 ${result.p99} ms (goal p99 ≤ 10 ms); ${result.non2xx} non-2xx, ${result.errors} errors`);
  } finally {
    await host.stop();
    await services.stop();
  }
}
