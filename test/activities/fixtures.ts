import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ComputeRegistry } from '../../src/adapters/compute/registry';
import { MemoryArtifactStore } from '../../src/adapters/memory/memoryArtifactStore';
import { MemoryJobStore } from '../../src/adapters/memory/memoryJobStore';
import type { ActivityDeps } from '../../src/activities/deps';
import { newJobRecord, parseJob, type JobRecord } from '../../src/model';
import type { ComputeTarget } from '../../src/ports';

/** Activity dependencies in memory, with real folders for the data root and the work root. */
export interface ActivityFixture {
  deps: ActivityDeps & { jobs: MemoryJobStore; artifacts: MemoryArtifactStore };
  dataRoot: string;
  workRoot: string;
  /** Stores a job record (NotStarted) from a spec. */
  addJob(spec: Record<string, unknown>): Promise<JobRecord>;
  dispose(): Promise<void>;
}

export const NOW = new Date('2026-03-01T10:00:00.000Z');

export async function activityFixture(computes: ComputeTarget[] = [fakeCompute('local')]): Promise<ActivityFixture> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'dj-activities-'));
  const dataRoot = path.join(scratch, 'data');
  const workRoot = path.join(scratch, 'work');
  const deps = {
    jobs: new MemoryJobStore(),
    artifacts: new MemoryArtifactStore(),
    computes: new ComputeRegistry(computes),
    clock: { now: () => NOW },
    settings: { workRoot, dataRoot, concurrencyLimit: () => 3 },
    secrets: undefined,
  };
  await mkdir(dataRoot, { recursive: true });
  return {
    deps, dataRoot, workRoot,
    async addJob(spec) {
      const job = parseJob({ name: 'job-1', environment: 'azureml:env:1', command: 'echo hi', ...spec }, { random: Math.random });
      return (await deps.jobs.create(newJobRecord(job, { now: NOW, studioBaseUrl: 'http://studio.test' }))).record;
    },
    dispose: () => rm(scratch, { recursive: true, force: true }),
  };
}

export function fakeCompute(name: string): ComputeTarget {
  return {
    name,
    start: async () => ({ runId: 'run-1' }),
    poll: async () => ({ state: 'running', pid: 1, lastHeartbeat: NOW.toISOString() }),
    cancel: async () => undefined,
  };
}
