import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DurableExtension } from '../../src/host/durable/durableExtension';
import { FunctionsHost } from '../../src/host/functionsHost';
import { VirtualClock } from '../../src/host/runtime/clock';
import { MemoryLogger } from '../../src/host/runtime/logger';
import type { JobRecord } from '../../src/model';
import type { AppSettings } from '../../src/composition';
import { storageConnection } from '../host/durable/engineHarness';
import { distComposition, distComputes, distMemoryArtifacts, distMemoryJobStore } from '../support/distApp';
import { repoRoot } from '../support/hostProcess';
import { ScriptedCompute } from './scriptedCompute';

/**
 * This repo's function app on the local host, in-process, on a VirtualClock and a fresh task hub,
 * with in-memory job records and artifacts and a scripted compute handed in through
 * `useAppDeps`: the real HTTP functions, orchestration, activities and entity, and days of
 * polling in milliseconds.
 */
export interface PipelineHarness {
  readonly host: FunctionsHost;
  readonly clock: VirtualClock;
  readonly logger: MemoryLogger;
  readonly jobs: import('../../src/adapters/memory/memoryJobStore').MemoryJobStore;
  readonly artifacts: import('../../src/adapters/memory/memoryArtifactStore').MemoryArtifactStore;
  readonly compute: ScriptedCompute;
  /** Local code and input paths resolve here. */
  readonly dataRoot: string;
  post(route: string, body?: unknown, contentType?: string): Promise<Response>;
  get(route: string): Promise<Response>;
  /** Runs until nothing is left to do within `minutes` of virtual time. */
  settle(minutes?: number): Promise<void>;
  record(name: string): Promise<JobRecord>;
  statuses(name: string): Promise<string[]>;
  log(name: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startPipeline(options: { maxConcurrentJobs?: number } = {}): Promise<PipelineHarness> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'dj-pipeline-'));
  const dataRoot = path.join(scratch, 'data');
  const env: NodeJS.ProcessEnv = {
    AzureWebJobsStorage: storageConnection(),
    JOB_SUBMISSION_QUEUE: `jobs-${randomUUID().slice(0, 8)}`,
    FUNCTIONS_WORKER_RUNTIME: 'node',
  };
  const clock = new VirtualClock(new Date());
  const logger = new MemoryLogger();
  const host = await FunctionsHost.start({
    appDir: repoRoot, port: 0, env, clock, logger,
    extensions: [new DurableExtension({ hubName: `p${randomUUID().replace(/-/g, '').slice(0, 16)}` })],
  });
  const jobs = new (distMemoryJobStore().MemoryJobStore)();
  const artifacts = new (distMemoryArtifacts().MemoryArtifactStore)();
  const compute = new ScriptedCompute((job, logName, chunk) => artifacts.appendLog(job, logName, chunk));
  const settings: AppSettings = {
    storageConnection: storageConnection(),
    cosmos: { endpoint: 'https://unused.invalid', key: 'unused', database: 'unused', jobsContainer: 'jobs' },
    artifactsContainer: 'unused', submissionQueue: env.JOB_SUBMISSION_QUEUE!, studioBaseUrl: 'http://studio.test',
    secretsKey: Buffer.alloc(32, 7).toString('base64'),
    dataRoot, workRoot: path.join(scratch, 'work'), runsDir: path.join(scratch, 'runs'),
    computeTargets: undefined, maxConcurrentJobs: options.maxConcurrentJobs ?? 4,
  };
  const { composeAppDeps, useAppDeps } = distComposition();
  useAppDeps(composeAppDeps({ settings, jobs, artifacts, computes: new (distComputes().ComputeRegistry)([compute]), clock: { now: () => new Date(clock.now()) } }));

  const harness: PipelineHarness = {
    host, clock, logger, jobs, artifacts, compute, dataRoot,
    post: (route, body, contentType = 'application/json') => fetch(`${host.url}${route}`, {
      method: 'POST', headers: { 'content-type': contentType },
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    }),
    get: (route) => fetch(`${host.url}${route}`),
    settle: (minutes = 30) => host.waitForIdle({ advanceTimers: true, until: clock.now() + minutes * 60_000, timeoutMs: 60_000 }),
    async record(name) {
      const record = await jobs.get(name);
      if (!record) throw new Error(`no job ${name}`);
      return record;
    },
    log: async (name) => (await artifacts.readLog(name, 'user_logs/std_log.txt'))?.data.toString('utf8') ?? '',
    statuses: async (name) => (await harness.record(name)).statusHistory.map((change) => change.status),
    async stop() {
      await host.stop();
      await rm(scratch, { recursive: true, force: true });
    },
  };
  return harness;
}

/** A command job spec with a fresh name. */
export function commandJob(overrides: Record<string, unknown> = {}): Record<string, unknown> & { name: string } {
  return { name: `job-${randomUUID().slice(0, 8)}`, command: 'echo hi', environment: 'azureml:env@latest', ...overrides };
}
