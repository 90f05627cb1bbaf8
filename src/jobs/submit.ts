import { newJobRecord, type JobRecord, type JobType, type NormalizedJob, type RandomSource } from '../model';
import type { Clock, JobStore } from '../ports';
import type { ComputeLookup } from '../activities/deps';
import { sealSecrets } from './jobSecrets';
import type { SecretBox } from './secretBox';
import { normalizeSubmission, type SubmissionEnvelope } from './submission';

/**
 * Submitting a job: validate, seal its secrets, create its record (idempotent on the name) and
 * start its orchestration (idempotent on the instance id, which is the job name). Throws
 * ValidationError (the submission is invalid), ConflictError (the name is taken by another spec),
 * or anything else for failures worth retrying (Cosmos DB or storage unavailable).
 */

/** Jobs' orchestrations (instance id = job name). */
export interface JobRunner {
  /** Starts the orchestration of `job` (of its type) unless one with that instance id is already pending or running. */
  start(job: string, type: JobType): Promise<void>;
  /** Starts a redrive of a finished parallel job (its record already queued again). */
  redrive(job: string): Promise<void>;
  /** Tells the job's orchestration to cancel; false when there is no such orchestration. */
  cancel(job: string, reason: string): Promise<boolean>;
  /** Tells a queued job's orchestration that a slot may be free; nothing when it has none. */
  wake(job: string): Promise<void>;
}

export interface SubmitDeps {
  readonly jobs: JobStore;
  readonly runner: JobRunner;
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly studioBaseUrl: string;
  readonly secrets: SecretBox | undefined;
  /** The configured computes: a job's `compute` must be one of them. */
  readonly computes: ComputeLookup;
}

export interface SubmitOutcome {
  readonly record: JobRecord;
  /** False when the job already existed with the same spec (a duplicate submission). */
  readonly created: boolean;
}

export async function submitJob(deps: SubmitDeps, envelope: SubmissionEnvelope, sourceName: string): Promise<SubmitOutcome> {
  const spec = sealSecrets(checkRunnable(normalizeSubmission(envelope, { random: deps.random, sourceName }), deps.computes), deps.secrets);
  const { record, created } = await deps.jobs.create(newJobRecord(spec, { now: deps.clock.now(), studioBaseUrl: deps.studioBaseUrl }));
  // A record past NotStarted has (had) its orchestration; starting one again would replace a
  // finished instance's history. A NotStarted one may have been created by a delivery that died
  // before it could start the orchestration.
  if (record.status === 'NotStarted') await deps.runner.start(record.name, record.type);
  return { record, created };
}

/** What this app can run: jobs on a configured compute (ValidationError listing them otherwise). */
function checkRunnable(job: NormalizedJob, computes: ComputeLookup): NormalizedJob {
  computes.resolve(job.compute);
  return job;
}
