import type { CommandJobOutput } from '../activities/contracts';
import { ACTIVITIES, DEFAULT_CANCEL_REASON, TIMEOUT_REASON } from '../activities/names';
import { isTerminal, type JobError, type JobStatus } from '../model';
import type { JobFlow, Step } from './jobFlow';

/**
 * How a job ends: Completed or Failed after its run exited, Canceled (by request or by
 * `limits.timeout`), or Failed because something broke. Each ending stops what still runs, gives
 * the compute slot back and cleans the job's working folders.
 */

/**
 * The run exited: gives the slot back first (the next job in line need not wait for the
 * outputs), then `JobFinish` completes the job (exit code 0, outputs uploaded) or fails it, and
 * cleans up — one activity for what needs no durable wait in between.
 */
export function* endAfterExit(flow: JobFlow, exitCode: number, signal?: string): Step<CommandJobOutput> {
  const run = flow.prepared!;
  yield* releaseIfHeld(flow);
  const { status } = yield* flow.activity(ACTIVITIES.finish, { job: flow.job, outputs: run.outputs, exitCode, ...(signal !== undefined && { signal }) });
  return { job: flow.job, status };
}

/**
 * Cancels the job: records CancelRequested (already there when the cancel came through the API),
 * stops the run if there is one, and ends Canceled with the reason.
 */
export function* endCanceled(flow: JobFlow, reason: string = DEFAULT_CANCEL_REASON): Step<CommandJobOutput> {
  const requested = yield* flow.setStatus('CancelRequested', { reason });
  if (isTerminal(requested.status)) return yield* finish(flow, requested.status);
  const finalReason = reason === TIMEOUT_REASON ? reason : (requested.reason ?? reason);
  yield* stopRun(flow, finalReason);
  return yield* finish(flow, (yield* flow.setStatus('Canceled', { reason: finalReason })).status);
}

/** The job failed before or after its run, with `error` (UserError: the job's fault; SystemError: ours). */
export function* endFailed(flow: JobFlow, error: JobError): Step<CommandJobOutput> {
  yield* stopRun(flow, `the job failed: ${error.message}`);
  return yield* finish(flow, (yield* flow.setStatus('Failed', { error })).status);
}

/** Something else ended the job (its status is already terminal): stop what still runs. */
export function* endEndedElsewhere(flow: JobFlow, status: JobStatus): Step<CommandJobOutput> {
  yield* stopRun(flow, `the job is already ${status}`);
  return yield* finish(flow, status);
}

/** An unexpected failure (an activity failed after its retries): the job fails with a SystemError. */
export function* endWithSystemError(flow: JobFlow, err: unknown): Step<CommandJobOutput> {
  const message = err instanceof Error ? err.message : String(err);
  return yield* endFailed(flow, { code: 'SystemError', message: `the job's orchestration failed: ${message}` });
}

/** Cancels the run (if any) and gives the slot back; a compute that cannot be reached does not stop the ending. */
function* stopRun(flow: JobFlow, reason: string): Step<void> {
  const run = flow.prepared;
  if (run && flow.runId !== undefined) {
    try {
      yield* flow.activity(ACTIVITIES.cancelRun, { job: flow.job, compute: run.compute, runId: flow.runId, reason });
    } catch {
      // The job still ends; the run's own logs keep what it wrote.
    }
  }
  yield* releaseIfHeld(flow);
}

/** Gives the compute slot back; a slots entity that does not answer must not keep the job from ending. */
function* releaseIfHeld(flow: JobFlow): Step<void> {
  if (!flow.slotHeld || !flow.prepared) return;
  try {
    yield* flow.releaseSlot(flow.prepared);
  } catch {
    flow.slotHeld = false;
  }
}

function* finish(flow: JobFlow, status: JobStatus): Step<CommandJobOutput> {
  if (flow.prepared) {
    try {
      yield* flow.activity(ACTIVITIES.cleanUp, { job: flow.job });
    } catch {
      // Leftover folders are removed with the next clean-up of the work root.
    }
  }
  return { job: flow.job, status };
}
