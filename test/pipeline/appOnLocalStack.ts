import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient, type QueueClient } from '@azure/storage-queue';
import { createCosmosClient } from '../../src/adapters/cosmos/client';
import { DurableExtension } from '../../src/host/durable/durableExtension';
import { FunctionsHost } from '../../src/host/functionsHost';
import { MemoryLogger } from '../../src/host/runtime/logger';
import { eventually, repoRoot } from '../support/hostProcess';

/**
 * This repo's function app on the local host with its real dependencies: job records in the Cosmos
 * DB emulator, artifacts and queues in Azurite, commands on the local compute — configured through
 * app settings in process.env as on Azure (restored by stop()). Local paths in jobs resolve
 * against examples/.
 */
export interface LocalStackApp {
  readonly host: FunctionsHost;
  readonly logger: MemoryLogger;
  readonly settings: Readonly<Record<string, string>>;
  /** A plain @azure/storage-queue client of the submission queue, and of its poison queue. */
  readonly queue: QueueClient;
  readonly poisonQueue: QueueClient;
  readonly workDir: string;
  /** A blob of the app's storage account by its URL (containers are private). */
  readBlob(url: string): Promise<string>;
  /** The job's document as Cosmos DB holds it. */
  cosmosDocument(name: string): Promise<unknown>;
  /** Sends `{"job": …, "name"?: …}` as a base64 message, as any client would. */
  send(message: unknown): Promise<void>;
  /** GET /api/jobs/{name} once it reports one of `statuses`. */
  waitForStatus(name: string, statuses: readonly string[], timeoutMs?: number): Promise<JobView>;
  job(name: string): Promise<JobView>;
  stop(): Promise<void>;
}

export interface JobView {
  name: string;
  status: string;
  status_history: Array<{ status: string; at: string; reason?: string }>;
  error?: { code: string; message: string };
  log_files: Record<string, string>;
  outputs: Record<string, { path?: string }>;
  studio_url: string;
  [field: string]: unknown;
}

/** App settings for this app on the test services, isolated by `id`; work folders under `workDir`. */
export function localStackSettings(id: string, workDir: string) {
  return {
    AzureWebJobsStorage: required('DJ_TEST_STORAGE'),
    COSMOS_ENDPOINT: required('DJ_TEST_COSMOS_ENDPOINT'),
    COSMOS_KEY: required('DJ_TEST_COSMOS_KEY'),
    COSMOS_DATABASE: `e2e-${id}`,
    COSMOS_JOBS_CONTAINER: 'jobs',
    JOB_SUBMISSION_QUEUE: `e2e-submissions-${id}`,
    ARTIFACTS_CONTAINER: `e2e-artifacts-${id}`,
    STUDIO_BASE_URL: 'http://127.0.0.1:7071/studio',
    JOB_SECRETS_KEY: Buffer.alloc(32, 5).toString('base64'),
    LOCAL_DATA_ROOT: path.join(repoRoot, 'examples'),
    JOBS_WORK_ROOT: path.join(workDir, 'jobs'),
    LOCAL_RUNS_DIR: path.join(workDir, 'runs'),
    COMPUTE_MAX_CONCURRENT_JOBS: '4',
  };
}

export async function startAppOnLocalStack(): Promise<LocalStackApp> {
  const id = randomUUID().replace(/-/g, '').slice(0, 10);
  const workDir = await mkdtemp(path.join(tmpdir(), 'dj-e2e-'));
  const settings: Record<string, string> = localStackSettings(id, workDir);
  const saved = Object.fromEntries(Object.keys(settings).map((key) => [key, process.env[key]]));
  Object.assign(process.env, settings);
  const logger = new MemoryLogger();
  const host = await FunctionsHost.start({
    appDir: repoRoot, port: 0, logger,
    extensions: [new DurableExtension({ hubName: `e2e${id}` })],
  });
  const queues = QueueServiceClient.fromConnectionString(settings['AzureWebJobsStorage']!);
  const queue = queues.getQueueClient(settings['JOB_SUBMISSION_QUEUE']!);
  const poisonQueue = queues.getQueueClient(`${settings['JOB_SUBMISSION_QUEUE']}-poison`);
  await queue.createIfNotExists();
  const blobs = BlobServiceClient.fromConnectionString(settings['AzureWebJobsStorage']!);

  const app: LocalStackApp = {
    host, logger, settings, queue, poisonQueue, workDir,
    async cosmosDocument(name) {
      const client = createCosmosClient({ endpoint: settings['COSMOS_ENDPOINT']!, key: settings['COSMOS_KEY']! });
      try {
        return (await client.database(settings['COSMOS_DATABASE']!).container('jobs').item(name, name).read()).resource;
      } finally {
        client.dispose();
      }
    },
    async readBlob(url) {
      const base = blobs.url.replace(/\/?$/, '/');
      if (!url.startsWith(base)) throw new Error(`${url} is not a blob of ${base}`);
      const [container = '', ...name] = decodeURIComponent(url.slice(base.length)).split('/');
      return (await blobs.getContainerClient(container).getBlobClient(name.join('/')).downloadToBuffer()).toString('utf8');
    },
    async send(message) {
      await queue.sendMessage(Buffer.from(typeof message === 'string' ? message : JSON.stringify(message)).toString('base64'));
    },
    async job(name) {
      const response = await fetch(`${host.url}/api/jobs/${name}`);
      if (response.status !== 200) throw new Error(`GET /api/jobs/${name}: ${response.status} ${await response.text()}`);
      return (await response.json()) as JobView;
    },
    waitForStatus: (name, statuses, timeoutMs = 30_000) => eventually(async () => {
      const response = await fetch(`${host.url}/api/jobs/${name}`);
      if (response.status === 404) return undefined;
      const view = (await response.json()) as JobView;
      return statuses.includes(view.status) ? view : undefined;
    }, `job ${name} to reach ${statuses.join(' or ')}`, timeoutMs),
    async stop() {
      await host.stop();
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      await rm(workDir, { recursive: true, force: true });
    },
  };
  return app;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through vitest (globalSetup starts Azurite and the Cosmos DB emulator).`);
  return value;
}
