import { z } from 'zod';
import { StringMap } from './fields';
import { JOB_TYPES, NormalizedJob } from './jobSpec';
import { assertTransition, isTerminal, JobStatus } from './status';

/**
 * The job document kept in Cosmos DB (id = job name). Not strict: Cosmos adds system properties
 * (`_rid`, `_ts`, `_self`, …) to every document it returns; parsing drops them, keeping `_etag`
 * for optimistic concurrency.
 */

export const DEFAULT_EXPERIMENT_NAME = 'Default';

const Timestamp = z.iso.datetime({ offset: true });
const Count = z.int().min(0);

export const StatusChange = z.object({
  status: JobStatus,
  at: Timestamp,
  reason: z.string().optional(),
});
export type StatusChange = z.infer<typeof StatusChange>;

export const JobError = z.object({
  code: z.string().min(1),
  message: z.string(),
});
export type JobError = z.infer<typeof JobError>;

/** Parallel jobs: mini-batches by state, and items (files or rows) by outcome. */
export const ParallelProgress = z.object({
  miniBatches: z.object({ total: Count, running: Count, succeeded: Count, failed: Count }),
  items: z.object({ succeeded: Count, failed: Count }),
});
export type ParallelProgress = z.infer<typeof ParallelProgress>;

export const JobRecord = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    type: z.enum(JOB_TYPES),
    status: JobStatus,
    statusHistory: z.array(StatusChange).min(1),
    spec: NormalizedJob,
    createdAt: Timestamp,
    startedAt: Timestamp.optional(),
    endedAt: Timestamp.optional(),
    error: JobError.optional(),
    /** Log name → URL, like Azure ML's `log_files`. */
    logFiles: z.record(z.string(), z.string()),
    /** Output name → URI of the data written. */
    outputs: z.record(z.string(), z.string()),
    studioUrl: z.string(),
    progress: ParallelProgress.optional(),
    experimentName: z.string().min(1),
    tags: StringMap,
    _etag: z.string().optional(),
  })
  .superRefine((record, ctx) => {
    if (record.id !== record.name) ctx.addIssue({ code: 'custom', path: ['id'], message: `id "${record.id}" must equal name "${record.name}"` });
    if (record.spec.name !== record.name) ctx.addIssue({ code: 'custom', path: ['spec', 'name'], message: `spec.name "${record.spec.name}" must equal name "${record.name}"` });
    if (record.spec.type !== record.type) ctx.addIssue({ code: 'custom', path: ['type'], message: `type "${record.type}" must equal spec.type "${record.spec.type}"` });
    const last = record.statusHistory[record.statusHistory.length - 1];
    if (last && last.status !== record.status) ctx.addIssue({ code: 'custom', path: ['status'], message: `status ${record.status} differs from the last statusHistory entry (${last.status})` });
  });
export type JobRecord = z.infer<typeof JobRecord>;

export interface NewJobRecordOptions {
  readonly now: Date;
  /** e.g. `http://localhost:7071/studio`; the job page is `<base>/jobs/<name>`. */
  readonly studioBaseUrl: string;
}

/** The record of a job just submitted: NotStarted, with one history entry. */
export function newJobRecord(spec: NormalizedJob, options: NewJobRecordOptions): JobRecord {
  const createdAt = options.now.toISOString();
  return {
    id: spec.name,
    name: spec.name,
    type: spec.type,
    status: 'NotStarted',
    statusHistory: [{ status: 'NotStarted', at: createdAt }],
    spec,
    createdAt,
    logFiles: {},
    outputs: {},
    studioUrl: studioUrlFor(options.studioBaseUrl, spec.name),
    experimentName: spec.experiment_name ?? DEFAULT_EXPERIMENT_NAME,
    tags: spec.tags ?? {},
  };
}

export function studioUrlFor(studioBaseUrl: string, jobName: string): string {
  return `${studioBaseUrl.replace(/\/+$/, '')}/jobs/${encodeURIComponent(jobName)}`;
}

export interface StatusChangeOptions {
  readonly at: Date;
  readonly reason?: string;
  /** Recorded on the job; typically given with Failed. */
  readonly error?: JobError;
}

/**
 * The record moved to `to`: checked against the transition table (InvalidTransitionError
 * otherwise), appended to the history, `startedAt` set on first Running, `endedAt` on a terminal
 * status. Returns a new record; `_etag` is kept for the conditional write.
 */
export function withStatus(record: JobRecord, to: JobStatus, options: StatusChangeOptions): JobRecord {
  assertTransition(record.status, to, `job ${record.name}`);
  const at = options.at.toISOString();
  const change: StatusChange = options.reason === undefined ? { status: to, at } : { status: to, at, reason: options.reason };
  return {
    ...record,
    status: to,
    statusHistory: [...record.statusHistory, change],
    ...(to === 'Running' && record.startedAt === undefined && { startedAt: at }),
    ...(isTerminal(to) && { endedAt: at }),
    ...(options.error !== undefined && { error: options.error }),
  };
}
