import { randomBytes } from 'node:crypto';
import { createActivities, type Activity } from '../activities/createActivities';
import type { ComputeLookup } from '../activities/deps';
import type { ActivityName } from '../activities/names';
import { createParallelActivities } from '../parallel/activities/createParallelActivities';
import type { ParallelActivityName } from '../parallel/names';
import type { ParallelDeps } from '../parallel/runtime/jobState';
import { ParallelRuntime } from '../parallel/runtime/parallelRuntime';
import { WorkerPool } from '../parallel/workers/workerPool';
import { SecretBox } from '../jobs/secretBox';
import type { SubmitDeps, JobRunner } from '../jobs/submit';
import type { RandomSource } from '../model';
import type { ArtifactStore, Clock, JobStore, UploadStore } from '../ports';
import type { ScheduleStore } from '../schedules/ports';
import type { AppSettings } from './settings';

/** Everything the app's functions delegate to, built once per process. */
export interface AppDeps {
  readonly settings: AppSettings;
  readonly jobs: JobStore;
  readonly artifacts: ArtifactStore;
  readonly computes: ComputeLookup;
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly secrets: SecretBox | undefined;
  readonly activities: Readonly<Record<ActivityName, Activity>>;
  readonly parallelActivities: Readonly<Record<ParallelActivityName, Activity>>;
  /** Schedules (cron / recurrence); absent when the app was composed without a schedule store. */
  readonly schedules?: ScheduleStore;
  /** Where the CLI uploads jobs' local folders; absent when the app was composed without one. */
  readonly uploads?: UploadStore;
  /** What submitting needs, with the orchestration starter of the current invocation. */
  submitDeps(runner: JobRunner): SubmitDeps;
  /** Lets go of what the deps hold (the compute's log shippers); the runs themselves go on. */
  dispose(): Promise<void>;
}

export interface AppParts {
  readonly settings: AppSettings;
  readonly jobs: JobStore;
  readonly artifacts: ArtifactStore;
  readonly computes: ComputeLookup;
  readonly schedules?: ScheduleStore;
  readonly uploads?: UploadStore;
  readonly clock?: Clock;
  readonly random?: RandomSource;
  readonly dispose?: () => Promise<void>;
  /** Parallel jobs' worker pools (default: WorkerPool, real processes). */
  readonly createPool?: ParallelDeps['createPool'];
  /** Problems of background work (default: console.warn). */
  readonly warn?: (message: string) => void;
}

export const systemClock: Clock = { now: () => new Date() };

/** A cryptographically random source for generated job names. */
export const secureRandom: RandomSource = () => randomBytes(6).readUIntBE(0, 6) / 2 ** 48;

/** Puts the parts together; tests pass in-memory stores and fake computes here. */
export function composeAppDeps(parts: AppParts): AppDeps {
  const clock = parts.clock ?? systemClock;
  const random = parts.random ?? secureRandom;
  const secrets = parts.settings.secretsKey === undefined ? undefined : new SecretBox(parts.settings.secretsKey);
  const activityDeps = {
    jobs: parts.jobs, artifacts: parts.artifacts, computes: parts.computes, clock, secrets,
    settings: { workRoot: parts.settings.workRoot, dataRoot: parts.settings.dataRoot, concurrencyLimit: () => parts.settings.maxConcurrentJobs },
  };
  const activities = createActivities(activityDeps);
  const parallel = new ParallelRuntime({
    ...activityDeps,
    createPool: parts.createPool ?? ((options) => new WorkerPool(options)),
    warn: parts.warn ?? ((message) => console.warn(message)),
  });
  const parallelActivities = createParallelActivities(parallel);
  return {
    settings: parts.settings, jobs: parts.jobs, artifacts: parts.artifacts, computes: parts.computes, clock, random, secrets, activities, parallelActivities,
    ...(parts.schedules && { schedules: parts.schedules }),
    ...(parts.uploads && { uploads: parts.uploads }),
    submitDeps: (runner) => ({
      jobs: parts.jobs, runner, clock, random, secrets, studioBaseUrl: parts.settings.studioBaseUrl, computes: parts.computes,
    }),
    dispose: async () => {
      await parallel.dispose();
      await parts.dispose?.();
    },
  };
}
