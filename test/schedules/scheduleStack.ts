import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { DurableExtension } from '../../src/host/durable/durableExtension';
import { FunctionsHost } from '../../src/host/functionsHost';
import { VirtualClock } from '../../src/host/runtime/clock';
import { MemoryLogger } from '../../src/host/runtime/logger';
import type { AppSettings } from '../../src/composition';
import type { JobStore } from '../../src/ports';
import type { ScheduleStore } from '../../src/schedules/ports';
import { storageConnection } from '../host/durable/engineHarness';
import { ScriptedCompute } from '../orchestrations/scriptedCompute';
import { distComposition, distComputes, distMemoryArtifacts, distModule } from '../support/distApp';
import { repoRoot } from '../support/hostProcess';

/**
 * This repo's function app on the local host, in-process, on a VirtualClock: the real timer, HTTP
 * API, orchestrations and activities, with job and schedule records in the Cosmos DB emulator (a
 * fresh database) and a scripted compute. `restart()` stops the host and starts another on the
 * same task hub, database and compute — what a host that went away and came back sees. Each host
 * gets its deps from its own load of dist/ (the host reloads the app's modules when it starts).
 */
export class ScheduleStack {
  readonly clock: VirtualClock;
  readonly compute: ScriptedCompute;
  readonly logger = new MemoryLogger();
  private readonly hubName = `s${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  private readonly database = `sched${randomUUID().replace(/-/g, '')}`;
  private readonly env: NodeJS.ProcessEnv = { AzureWebJobsStorage: storageConnection(), JOB_SUBMISSION_QUEUE: `jobs-${randomUUID().slice(0, 8)}`, FUNCTIONS_WORKER_RUNTIME: 'node' };
  private current: { host: FunctionsHost; jobs: JobStore; schedules: ScheduleStore; dispose(): void } | undefined;

  private constructor(start: Date, private readonly scratch: string) {
    this.clock = new VirtualClock(start);
    this.compute = new ScriptedCompute(async () => undefined);
  }

  static async start(at: string): Promise<ScheduleStack> {
    const stack = new ScheduleStack(new Date(at), await mkdtemp(path.join(tmpdir(), 'dj-schedules-')));
    await stack.startHost();
    return stack;
  }

  get host(): FunctionsHost {
    return this.live().host;
  }

  get jobs(): JobStore {
    return this.live().jobs;
  }

  get schedules(): ScheduleStore {
    return this.live().schedules;
  }

  request(method: string, route: string, body?: string, contentType = 'application/yaml'): Promise<Response> {
    return fetch(`${this.host.url}${route}`, { method, headers: { 'content-type': contentType }, ...(body !== undefined && { body }) });
  }

  /** Runs everything due up to `iso` (virtual time), jumping the clock from timer to timer. */
  runUntil(iso: string): Promise<void> {
    return this.host.waitForIdle({ advanceTimers: true, until: Date.parse(iso), timeoutMs: 240_000 });
  }

  /** Stops the host, lets `downFor` ms pass with no host, and starts another on the same hub and stores. */
  async restart(downForMs: number): Promise<void> {
    await this.stopHost();
    this.clock.advanceBy(downForMs);
    await this.startHost();
  }

  /** Invokes the timer function as its trigger would, for the current minute. */
  async tick(): Promise<void> {
    await this.host.invoke('scheduleTick', { data: { json: JSON.stringify({ Schedule: { AdjustForDST: true }, ScheduleStatus: null, IsPastDue: false }) }, metadata: {}, bindingData: {} });
  }

  async dispose(): Promise<void> {
    const client = distModule<typeof import('../../src/adapters/cosmos/client')>('src/adapters/cosmos/client.ts').createCosmosClient({ endpoint: inject('cosmosEndpoint'), key: inject('cosmosKey') });
    await this.stopHost();
    await client.database(this.database).delete().catch(() => undefined);
    client.dispose();
    await rm(this.scratch, { recursive: true, force: true });
  }

  private live() {
    if (this.current === undefined) throw new Error('no host is running');
    return this.current;
  }

  private async startHost(): Promise<void> {
    const host = await FunctionsHost.start({
      appDir: repoRoot, port: 0, env: { ...this.env }, clock: this.clock, logger: this.logger,
      extensions: [new DurableExtension({ hubName: this.hubName })],
    });
    const cosmos = distModule<typeof import('../../src/adapters/cosmos/client')>('src/adapters/cosmos/client.ts');
    const { CosmosJobStore } = distModule<typeof import('../../src/adapters/cosmos/jobStore')>('src/adapters/cosmos/jobStore.ts');
    const { CosmosScheduleStore } = distModule<typeof import('../../src/adapters/cosmos/scheduleStore')>('src/adapters/cosmos/scheduleStore.ts');
    const client = cosmos.createCosmosClient({ endpoint: inject('cosmosEndpoint'), key: inject('cosmosKey') });
    const jobs = new CosmosJobStore({ client, database: this.database });
    const schedules = new CosmosScheduleStore({ client, database: this.database });
    await jobs.init();
    await schedules.init();
    const { composeAppDeps, useAppDeps } = distComposition();
    useAppDeps(composeAppDeps({
      settings: this.settings(), jobs, schedules, artifacts: new (distMemoryArtifacts().MemoryArtifactStore)(),
      computes: new (distComputes().ComputeRegistry)([this.compute]), clock: { now: () => new Date(this.clock.now()) },
    }));
    this.current = { host, jobs, schedules, dispose: () => client.dispose() };
  }

  private async stopHost(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    if (current === undefined) return;
    await current.host.stop();
    current.dispose();
  }

  private settings(): AppSettings {
    return {
      storageConnection: storageConnection(),
      cosmos: { endpoint: inject('cosmosEndpoint'), key: inject('cosmosKey'), database: this.database, jobsContainer: 'jobs' },
      artifactsContainer: 'unused', submissionQueue: this.env['JOB_SUBMISSION_QUEUE']!, studioBaseUrl: 'http://studio.test',
      secretsKey: Buffer.alloc(32, 9).toString('base64'),
      dataRoot: path.join(this.scratch, 'data'), workRoot: path.join(this.scratch, 'work'), runsDir: path.join(this.scratch, 'runs'),
      computeTargets: undefined, maxConcurrentJobs: 8,
    };
  }
}
