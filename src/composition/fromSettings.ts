import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { BlobArtifactStore } from '../adapters/blob/artifactStore';
import { BlobUploadStore } from '../adapters/blob/uploadStore';
import { ComputeRegistry, LocalComputeTarget } from '../adapters/compute';
import { createCosmosClient } from '../adapters/cosmos/client';
import { CosmosJobStore } from '../adapters/cosmos/jobStore';
import { CosmosScheduleStore } from '../adapters/cosmos/scheduleStore';
import { blobServiceClient } from '../adapters/storage/connection';
import { composeAppDeps, type AppDeps } from './appDeps';
import type { AppSettings } from './settings';

/**
 * The real dependencies: job records in Cosmos DB, artifacts in Blob Storage, commands on local
 * computes — one per name in COMPUTE_TARGETS (default `local`), each with its own run records —
 * whose output is shipped into the job logs. Creates the Cosmos containers, the
 * artifacts container and the work folders when missing.
 */
export async function depsFromSettings(settings: AppSettings): Promise<AppDeps> {
  const client = createCosmosClient({ endpoint: settings.cosmos.endpoint, key: settings.cosmos.key });
  const jobs = new CosmosJobStore({ client, database: settings.cosmos.database, jobsContainer: settings.cosmos.jobsContainer });
  const artifacts = new BlobArtifactStore({ service: blobServiceClient(settings.storageConnection), container: settings.artifactsContainer });
  const uploads = new BlobUploadStore({ service: blobServiceClient(settings.storageConnection), datastore: settings.uploadDatastore ?? 'workspaceblobstore' });
  await Promise.all([jobs.init(), artifacts.init(), uploads.init(), mkdir(settings.workRoot, { recursive: true })]);
  const schedules = new CosmosScheduleStore({ client, database: settings.cosmos.database, container: settings.cosmos.schedulesContainer ?? 'schedules' });
  await schedules.init(); // after the jobs store has created the database
  const locals: LocalComputeTarget[] = [];
  const computes = ComputeRegistry.fromSetting(settings.computeTargets, (name) => {
    const target = new LocalComputeTarget({
      name,
      workRoot: settings.workRoot,
      runsDir: path.join(settings.runsDir, name),
      runRetentionMs: (settings.runsRetentionHours ?? 24) * 3_600_000,
      logSink: (job, logName, chunk, offset) => artifacts.appendLog(job, logName, chunk, offset),
    });
    locals.push(target);
    return target;
  });
  return composeAppDeps({
    settings, jobs, artifacts, computes, schedules, uploads,
    dispose: async () => {
      await Promise.all(locals.map((target) => target.close()));
      client.dispose();
    },
  });
}
