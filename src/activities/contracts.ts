import { z } from 'zod';
import { JobError, JobName, JobStatus } from '../model';
import type { ACTIVITIES, CLIENT_ACTIVITIES } from './names';

/**
 * What travels between the CommandJob orchestration and its activities, as schemas with their
 * types (activities parse every input; the orchestrator imports the types only). Nothing here
 * may carry a secret: these values are kept in the orchestration's history.
 */

const Text = z.string().min(1);
const Timestamp = z.iso.datetime({ offset: true });

export const SetStatusInput = z.strictObject({
  job: JobName,
  to: JobStatus,
  /**
   * Statuses to record on the way to `to`, in order, in the same write (each its own history
   * entry): one activity and one write instead of one per status.
   */
  via: z.array(JobStatus).optional(),
  /** Recorded with `to`. */
  reason: z.string().optional(),
  error: JobError.optional(),
});
export type SetStatusInput = z.infer<typeof SetStatusInput>;

/**
 * `changed: false` when the job already had that status (an activity runs at least once) or when
 * someone else moved it first — to CancelRequested or to a terminal status — which the
 * orchestration then follows.
 */
export const SetStatusResult = z.strictObject({
  status: JobStatus,
  changed: z.boolean(),
  /** The reason recorded with the job's current status, e.g. why cancel was requested. */
  reason: z.string().optional(),
});
export type SetStatusResult = z.infer<typeof SetStatusResult>;

export const JobRef = z.strictObject({ job: JobName });
export type JobRef = z.infer<typeof JobRef>;

/** Everything the run needs that prepare worked out; secrets stay in the job record. */
export const PreparedRun = z.strictObject({
  compute: Text,
  /** The command with every binding expanded and quoted. */
  command: Text,
  workingDir: Text,
  /** Output name → the local folder the command writes it to. */
  outputs: z.record(z.string(), Text),
  /** Jobs that may run at once on this compute. */
  concurrencyLimit: z.int().min(1),
  /** `limits.timeout` in seconds, counted from the start of the run. */
  timeoutSeconds: z.int().min(1).optional(),
});
export type PreparedRun = z.infer<typeof PreparedRun>;

/**
 * A problem with the job itself (bad path, unknown compute): the job fails, nothing is retried.
 * `queued`: the job's status once the activity recorded Queued (see prepareAndQueue.ts).
 */
export const PrepareResult = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), run: PreparedRun, queued: SetStatusResult.optional() }),
  z.strictObject({ ok: z.literal(false), error: JobError }),
]);
export type PrepareResult = z.infer<typeof PrepareResult>;

export const StartRunInput = z.strictObject({ job: JobName, run: PreparedRun });
export type StartRunInput = z.infer<typeof StartRunInput>;

/**
 * `running`: the job's status once the activity recorded Running (absent when that write failed:
 * the orchestration then records it). `exited`: the command had already ended when the activity
 * returned, so the run is worth a look at once.
 */
export const StartRunResult = z.strictObject({ runId: Text, running: SetStatusResult.optional(), exited: z.boolean().optional() });
export type StartRunResult = z.infer<typeof StartRunResult>;

export const RunRef = z.strictObject({ job: JobName, compute: Text, runId: Text });
export type RunRef = z.infer<typeof RunRef>;

/** The run as the compute reports it, and the job's status as the store has it (cancel requests). */
export const PollRunResult = z.strictObject({
  run: z.discriminatedUnion('state', [
    /** `stale`: no heartbeat for longer than the heartbeat timeout. */
    z.strictObject({ state: z.literal('running'), stale: z.boolean() }),
    z.strictObject({ state: z.literal('exited'), exitCode: z.int(), signal: z.string().optional() }),
    z.strictObject({ state: z.literal('lost'), reason: z.string() }),
  ]),
  jobStatus: JobStatus,
});
export type PollRunResult = z.infer<typeof PollRunResult>;

export const CancelRunInput = RunRef.extend({ reason: z.string() });
export type CancelRunInput = z.infer<typeof CancelRunInput>;

export const FinalizeInput = z.strictObject({
  job: JobName,
  /** Output name → local folder; uploaded when `uploadOutputs`. */
  outputs: z.record(z.string(), Text),
  uploadOutputs: z.boolean(),
  /** Given for a failed run: the result then carries the error with the log's last lines. */
  exitCode: z.int().optional(),
  /** The signal that ended the failed run, if one did. */
  signal: z.string().optional(),
});
export type FinalizeInput = z.infer<typeof FinalizeInput>;

export const FinalizeResult = z.strictObject({ error: JobError.optional() });
export type FinalizeResult = z.infer<typeof FinalizeResult>;

/** How the run ended, for `JobFinish`. */
export const FinishInput = z.strictObject({
  job: JobName,
  /** Output name → local folder; uploaded when the run succeeded. */
  outputs: z.record(z.string(), Text),
  exitCode: z.int(),
  /** The signal that ended the run, if one did. */
  signal: z.string().optional(),
});
export type FinishInput = z.infer<typeof FinishInput>;

/** The status `JobFinish` left the job in (another one when someone else ended it first). */
export const FinishResult = z.strictObject({ status: JobStatus });
export type FinishResult = z.infer<typeof FinishResult>;

/** Data of the `cancel` event. */
export const CancelEvent = z.object({ reason: z.string().optional() });
export type CancelEvent = z.infer<typeof CancelEvent>;

// ---- The compute slots entity -------------------------------------------------------------------

export const AcquireSlot = z.strictObject({ job: JobName, limit: z.int().min(1), now: Timestamp });
export type AcquireSlot = z.infer<typeof AcquireSlot>;
/**
 * `position`: how many jobs wait in front of this one (0 when granted). `checkHolders`: holders
 * this waiter should check on (`JobFindEndedHolders`), releasing those whose job has ended.
 */
export const AcquireSlotResult = z.strictObject({ granted: z.boolean(), position: z.int().min(0), checkHolders: z.array(JobName).optional() });
export type AcquireSlotResult = z.infer<typeof AcquireSlotResult>;
export const ReleaseSlot = z.strictObject({ job: JobName, limit: z.int().min(1) });
export type ReleaseSlot = z.infer<typeof ReleaseSlot>;
/** `wake`: waiting jobs that a slot is now free for, to be told at once. */
export const ReleaseSlotResult = z.strictObject({ wake: z.array(JobName) });
export type ReleaseSlotResult = z.infer<typeof ReleaseSlotResult>;
export const WakeQueuedInput = z.strictObject({ jobs: z.array(JobName).min(1) });
export type WakeQueuedInput = z.infer<typeof WakeQueuedInput>;
/** Slot holders to check on: each `ended` job has a terminal record, no record, or no live orchestration. */
export const FindEndedHoldersInput = z.strictObject({ jobs: z.array(JobName).min(1) });
export type FindEndedHoldersInput = z.infer<typeof FindEndedHoldersInput>;
export const FindEndedHoldersResult = z.strictObject({ ended: z.array(JobName) });
export type FindEndedHoldersResult = z.infer<typeof FindEndedHoldersResult>;

// ---- The orchestration's input ------------------------------------------------------------------

/** Where a run stands, carried across `continueAsNew` so the history stays short. */
export const RunCheckpoint = z.strictObject({
  run: PreparedRun,
  runId: Text,
  /** ISO time after which the run is canceled for `limits.timeout`. */
  deadline: Timestamp.optional(),
  notResponding: z.boolean(),
  polls: z.int().min(0),
});
export type RunCheckpoint = z.infer<typeof RunCheckpoint>;

export const CommandJobInput = z.strictObject({ job: JobName, checkpoint: RunCheckpoint.optional() });
export type CommandJobInput = z.infer<typeof CommandJobInput>;

/** What the orchestration returns: the status it left the job in. */
export const CommandJobOutput = z.strictObject({ job: JobName, status: JobStatus });
export type CommandJobOutput = z.infer<typeof CommandJobOutput>;

// ---- Input and result type of each activity, by name --------------------------------------------

export interface ActivityTypes {
  [ACTIVITIES.setStatus]: { input: SetStatusInput; result: SetStatusResult };
  [ACTIVITIES.prepare]: { input: JobRef; result: PrepareResult };
  [ACTIVITIES.startRun]: { input: StartRunInput; result: StartRunResult };
  [ACTIVITIES.pollRun]: { input: RunRef; result: PollRunResult };
  [ACTIVITIES.cancelRun]: { input: CancelRunInput; result: null };
  [ACTIVITIES.finalize]: { input: FinalizeInput; result: FinalizeResult };
  [ACTIVITIES.finish]: { input: FinishInput; result: FinishResult };
  [ACTIVITIES.cleanUp]: { input: JobRef; result: null };
  [CLIENT_ACTIVITIES.wakeQueued]: { input: WakeQueuedInput; result: null };
  [CLIENT_ACTIVITIES.findEndedHolders]: { input: FindEndedHoldersInput; result: FindEndedHoldersResult };
}
