import { BlobServiceClient } from '@azure/storage-blob';
import { BlobArtifactStore } from '../../src/adapters/blob/artifactStore';
import { createCosmosClient } from '../../src/adapters/cosmos/client';
import { CosmosJobStore } from '../../src/adapters/cosmos/jobStore';
import { newJobRecord, parseJob, type JobRecord, type JobStatus } from '../../src/model';
import { at, jobRecord, pathTo, type RecordOptions } from '../adapters/jobRecords';
import { startAppOnLocalStack, type LocalStackApp } from '../pipeline/appOnLocalStack';

/**
 * The app on the local stack (test/pipeline/appOnLocalStack.ts) plus the real adapters on the
 * same Cosmos database and artifact container, to seed job records, logs and outputs directly.
 */
export interface ApiTestApp {
  readonly app: LocalStackApp;
  readonly jobs: CosmosJobStore;
  readonly artifacts: BlobArtifactStore;
  /** Creates a job record and moves it through the transition table to `status`. */
  seedJob(name: string, options?: SeedOptions): Promise<JobRecord>;
  /** `GET <host>/api/<path>`. */
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

export interface SeedOptions extends RecordOptions {
  readonly status?: JobStatus;
  /** More fields of a command job's spec, e.g. `outputs`. */
  readonly spec?: Record<string, unknown>;
  /** Applied last, e.g. `outputs` URIs or `logFiles`. */
  readonly patch?: Partial<JobRecord>;
}

/** A command job (or, with `type: parallel`, the store tests' parallel job) created `createdAfter` seconds after T0. */
function seedRecord(name: string, options: RecordOptions & { spec?: Record<string, unknown> }): JobRecord {
  if (options.type === 'parallel' || options.spec === undefined) return jobRecord(name, options);
  const spec = parseJob({
    name, command: 'echo hi', environment: 'azureml:python@latest',
    ...(options.experiment !== undefined && { experiment_name: options.experiment }),
    ...(options.tags !== undefined && { tags: options.tags }),
    ...options.spec,
  }, { random: () => 0 });
  return newJobRecord(spec, { now: at(options.createdAfter ?? 0), studioBaseUrl: 'http://localhost:7071/studio' });
}

/** With `functionKey`, the host enforces auth levels: requests need that key (FUNCTIONS_DEFAULT_KEY, a host key). */
export async function startApiTestApp(options: { functionKey?: string } = {}): Promise<ApiTestApp> {
  const savedKey = process.env['FUNCTIONS_DEFAULT_KEY'];
  if (options.functionKey !== undefined) process.env['FUNCTIONS_DEFAULT_KEY'] = options.functionKey;
  const app = await startAppOnLocalStack().finally(() => {
    if (savedKey === undefined) delete process.env['FUNCTIONS_DEFAULT_KEY'];
    else process.env['FUNCTIONS_DEFAULT_KEY'] = savedKey;
  });
  const settings = app.settings;
  const client = createCosmosClient({ endpoint: settings['COSMOS_ENDPOINT']!, key: settings['COSMOS_KEY']! });
  const jobs = new CosmosJobStore({ client, database: settings['COSMOS_DATABASE']!, jobsContainer: settings['COSMOS_JOBS_CONTAINER']! });
  const artifacts = new BlobArtifactStore({ service: BlobServiceClient.fromConnectionString(settings['AzureWebJobsStorage']!), container: settings['ARTIFACTS_CONTAINER']! });
  await Promise.all([jobs.init(), artifacts.init()]);
  let clock = 0;
  return {
    app, jobs, artifacts,
    async seedJob(name, options = {}) {
      const { status = 'NotStarted', patch, ...recordOptions } = options;
      await jobs.create(seedRecord(name, { createdAfter: ++clock, ...recordOptions }));
      let record: JobRecord | undefined = await jobs.get(name);
      for (const to of pathTo(status)) record = await jobs.transition(name, to, { at: new Date(), reason: 'seeded' });
      if (patch) record = await jobs.update(name, (current) => ({ ...current, ...patch }));
      return record!;
    },
    get: (path, headers = {}) => fetch(`${app.host.url}/api/${path}`, { headers: { ...(options.functionKey !== undefined && { 'x-functions-key': options.functionKey }), ...headers } }),
    async stop() {
      await app.stop();
      client.dispose();
    },
  };
}
