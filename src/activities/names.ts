/**
 * The names both sides of the job orchestration agree on: the orchestrator calls activities,
 * entities and events by these names, `functions/` registers them under the same names. Nothing
 * else may spell them.
 */

export const ORCHESTRATIONS = {
  /** One instance per command job; the instance id is the job name. */
  commandJob: 'CommandJob',
} as const;

export const ACTIVITIES = {
  setStatus: 'JobSetStatus',
  prepare: 'JobPrepare',
  startRun: 'JobStartRun',
  pollRun: 'JobPollRun',
  cancelRun: 'JobCancelRun',
  finalize: 'JobFinalize',
  /** Finalizing, JobFinalize, the final status and JobCleanUp in one activity (see finish.ts). */
  finish: 'JobFinish',
  cleanUp: 'JobCleanUp',
} as const;
export type ActivityName = (typeof ACTIVITIES)[keyof typeof ACTIVITIES];

/** Activities that act through the durable client of their own invocation, not through createActivities. */
export const CLIENT_ACTIVITIES = {
  /** Raises `slotFreed` on queued jobs' orchestrations. */
  wakeQueued: 'JobWakeQueued',
  /** Finds compute slot holders whose job ended or whose orchestration is gone (and fails such jobs). */
  findEndedHolders: 'JobFindEndedHolders',
} as const;

export const ENTITIES = {
  /** One instance per compute (the entity key): a semaphore of job slots. */
  computeSlots: 'ComputeSlots',
} as const;

export const SLOT_OPERATIONS = {
  /** Input `AcquireSlot`, result `AcquireSlotResult`. */
  acquire: 'acquire',
  /** Input `ReleaseSlot`, result `ReleaseSlotResult`. */
  release: 'release',
} as const;

export const EVENTS = {
  /** Raised on a job's orchestration by `POST /api/jobs/{name}/cancel`; data `CancelEvent`. */
  cancel: 'cancel',
  /** Raised on a queued job's orchestration when a slot of its compute may be free. */
  slotFreed: 'slotFreed',
  /** Raised on a job's orchestration when the compute saw its run end (best effort; polls stay the truth). */
  runExited: 'runExited',
} as const;

/** The job's own log: stdout and stderr of the command, as Azure ML names it. */
export const STD_LOG = 'user_logs/std_log.txt';

/** The reason recorded when a cancel request gives none. */
export const DEFAULT_CANCEL_REASON = 'canceled by request';
/** The reason recorded when `limits.timeout` cancels a job. */
export const TIMEOUT_REASON = 'timeout';
