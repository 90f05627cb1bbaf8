import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { QueueServiceClient } from '@azure/storage-queue';
import { createCosmosClient } from '../src/adapters/cosmos/client';
import { CosmosJobStore } from '../src/adapters/cosmos/jobStore';
import { packageRoot } from '../src/cli/packageRoot';
import { DurableExtension } from '../src/host/durable/durableExtension';
import { FunctionsHost } from '../src/host/functionsHost';
import { consoleLogger } from '../src/host/runtime/logger';
import { newJobRecord, parseJob, type JobRecord } from '../src/model';
import { localComputeRate } from './support/computeAlone';
import { formatAverages, jobTimes } from './support/jobTimes';
import { startBenchServices } from './support/localStack';
import { CpuMeter } from './support/processCpu';
import { rawSpawnRate } from './support/rawSpawn';

const JOBS = Number(process.env.BENCH_JOBS ?? 40);
const SEEDED = Number(process.env.BENCH_SEEDED ?? 10_000);
/** Jobs that run at once (COMPUTE_MAX_CONCURRENT_JOBS); the raw spawn rate is measured at the same concurrency. */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const COMMAND = 'echo hi';
/** How often the benchmark asks whether the jobs are done; their times come from the records. */
const DONE_CHECK_MS = 500;
const GET_RATE = 500;
const GET_SECONDS = 10;
const GET_WARM_UP_SECONDS = 15;
const GET_ROUNDS = 3;

async function poll<T>(probe: () => Promise<T | undefined>, what: string, intervalMs: number, timeoutMs = 600_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

interface Counts { total: number; counts: Record<string, number> }

interface LoadResult { rate: number; p50: number; p90: number; p99: number; max: number; requests: number; errors: number; connections: number }

/** Runs the load generator (loadtest, open loop) in its own process: see support/getLoad.ts. */
async function getLoad(url: string, jobs: number, rate: number, seconds: number, warmUpSeconds: number): Promise<LoadResult> {
  const script = path.join(__dirname, 'support', 'getLoad.js');
  const { stdout } = await promisify(execFile)(process.execPath, [script, url, String(jobs), String(rate), String(seconds), String(warmUpSeconds)]);
  return JSON.parse(stdout) as LoadResult;
}

/** GET_ROUNDS measured rounds of GET_SECONDS each (the first after a warm-up), with the host's CPU per request and the machine's load. */
async function getLatency(url: string, pid: number | undefined): Promise<string[]> {
  const lines: string[] = [];
  for (let round = 0; round < GET_ROUNDS; round++) {
    const warmUp = round === 0 ? GET_WARM_UP_SECONDS : 0;
    const cpu = new CpuMeter({ cosmos: pid });
    const result = await getLoad(url, SEEDED, GET_RATE, GET_SECONDS, warmUp);
    const used = cpu.used();
    const sent = result.requests + GET_RATE * warmUp; // the CPU was also spent on the warm-up's requests
    const perRequest = (ms: number | undefined) => (ms === undefined ? '?' : ((ms * 1000) / sent).toFixed(0));
    lines.push(`    round ${round + 1}: ${result.rate} req/s: p50 ${result.p50} ms, p90 ${result.p90} ms, p99 ${result.p99} ms, max ${result.max} ms; `
      + `${result.errors} errors; CPU per request: host ${perRequest(used.host)} µs, Cosmos DB emulator ${perRequest(used.cosmos)} µs; load average ${loadavg()[0]!.toFixed(1)}`);
  }
  return lines;
}

function perJob(cpu: Record<string, number | undefined>, jobs: number): string {
  const names: Record<string, string> = { host: 'host (with the bench)', azurite: 'Azurite', cosmos: 'Cosmos DB emulator' };
  return Object.entries(cpu).map(([name, ms]) => `${names[name] ?? name} ${ms === undefined ? '?' : (ms / jobs).toFixed(0)} ms`).join(', ');
}

/**
 * Command jobs end to end on the local stack: queue submission → record, trivial jobs to
 * Completed (next to the raw spawn rate of the same command and to the local compute on its own,
 * at the same concurrency), and the latency of GET /api/jobs/{name} at a fixed rate with 10,000
 * jobs stored, in rounds (this machine's other work moves the tail from one to the next).
 */
export async function jobsThroughput(): Promise<void> {
  const services = await startBenchServices();
  const settings: Record<string, string> = {
    AzureWebJobsStorage: services.storage, COSMOS_ENDPOINT: services.cosmosEndpoint, COSMOS_KEY: services.cosmosKey,
    COSMOS_DATABASE: 'bench', COSMOS_JOBS_CONTAINER: 'jobs', JOB_SUBMISSION_QUEUE: 'bench-submissions',
    ARTIFACTS_CONTAINER: 'bench-artifacts', STUDIO_BASE_URL: 'http://127.0.0.1:7071/studio',
    JOBS_WORK_ROOT: path.join(services.workDir, 'jobs'), LOCAL_RUNS_DIR: path.join(services.workDir, 'runs'),
    COMPUTE_MAX_CONCURRENT_JOBS: String(CONCURRENCY), FUNCTIONS_MASTER_KEY: '', FUNCTIONS_DEFAULT_KEY: '',
  };
  Object.assign(process.env, settings);
  // The host logs warnings and errors only: a line per invocation would measure the terminal.
  const host = await FunctionsHost.start({
    appDir: packageRoot(), port: 0, logger: consoleLogger('warn'), extensions: [new DurableExtension({ hubName: 'BenchJobs' })],
  });
  const client = createCosmosClient({ endpoint: services.cosmosEndpoint, key: services.cosmosKey });
  const store = new CosmosJobStore({ client, database: 'bench', jobsContainer: 'jobs' });
  try {
    const counts = async (): Promise<Counts> => (await (await fetch(`${host.url}/api/jobs?top=1`)).json()) as Counts;
    const queue = QueueServiceClient.fromConnectionString(services.storage).getQueueClient(settings.JOB_SUBMISSION_QUEUE!);
    await queue.createIfNotExists();
    const job = { command: COMMAND, environment: 'azureml:bench:1' };
    const cpu = new CpuMeter(services.pids);
    const started = Date.now();
    await Promise.all(Array.from({ length: JOBS }, (_, i) =>
      queue.sendMessage(Buffer.from(JSON.stringify({ name: `trivial-${i}`, job })).toString('base64'))));
    await poll(async () => {
      const c = await counts();
      return (c.counts.Completed ?? 0) + (c.counts.Failed ?? 0) >= JOBS ? c : undefined;
    }, 'all jobs to finish', DONE_CHECK_MS);
    const used = cpu.used();
    const records = await Promise.all(Array.from({ length: JOBS }, async (_, i) => (await store.get(`trivial-${i}`)) as JobRecord));
    const times = jobTimes(records, started);
    const completed = records.filter((record) => record.status === 'Completed').length;
    for (const failed of records.filter((record) => record.status !== 'Completed').slice(0, 3)) {
      process.stderr.write(`  not completed: ${failed.name} ${failed.status}: ${failed.error?.code} ${failed.error?.message?.slice(0, 300)}\n`);
    }
    const spawnRate = await rawSpawnRate(COMMAND, 2_000, CONCURRENCY);
    const computeRate = await localComputeRate(services.workDir, COMMAND, 200, CONCURRENCY);
    const jobRate = JOBS / (times.lastEndedMs / 1000);

    await seedJobs(store, settings.STUDIO_BASE_URL!);
    const latency = await getLatency(host.url, services.pids.cosmos);

    console.log('Command jobs on the local stack (Azurite on disk, Cosmos DB emulator, local compute)');
    console.log(`  submission: ${JOBS} queue messages -> records in ${(times.lastCreatedMs / 1000).toFixed(2)} s = ${(JOBS / (times.lastCreatedMs / 1000)).toFixed(1)} jobs/s`);
    console.log(`  trivial jobs (${COMMAND}, ${CONCURRENCY} at a time): ${completed}/${JOBS} Completed in ${(times.lastEndedMs / 1000).toFixed(2)} s = ${jobRate.toFixed(1)} jobs/s`);
    console.log(`    CPU per job: ${perJob(used, JOBS)}`);
    console.log(`    average ms per status: ${formatAverages(times.averageInStatus)}`);
    console.log(`  raw spawn of the same command, ${CONCURRENCY} at a time: ${spawnRate.toFixed(0)} /s -> jobs reach ${(jobRate / spawnRate * 100).toFixed(1)}% of it (goal ≥ 50%)`);
    console.log(`  the local compute alone (a runner process per run, no orchestration), ${CONCURRENCY} at a time: ${computeRate.toFixed(0)} runs/s`);
    console.log(`  GET /api/jobs/{name} with ${SEEDED.toLocaleString('en-US')} jobs stored, ${GET_RATE} req/s open loop (loadtest), ${GET_SECONDS} s per round after ${GET_WARM_UP_SECONDS} s of warm-up (goal p99 ≤ 10 ms):`);
    for (const line of latency) console.log(line);
  } finally {
    client.dispose();
    await host.stop();
    await services.stop();
  }
}

/** SEEDED job records written straight to the store, 32 at a time. */
async function seedJobs(store: CosmosJobStore, studioBaseUrl: string): Promise<void> {
  const spec = parseJob({ command: COMMAND, environment: 'azureml:bench:1', name: 'seed' }, { random: Math.random });
  let seeded = 0;
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (seeded < SEEDED) {
      const name = `seed-${seeded++}`;
      await store.create(newJobRecord({ ...spec, name }, { now: new Date(), studioBaseUrl }));
    }
  }));
}
