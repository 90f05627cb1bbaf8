import type { OrchestrationContext, Task } from 'durable-functions';
import { DEFAULT_CANCEL_REASON } from '../activities/names';
import { isTerminal, type JobError, type JobStatus } from '../model';
import {
  addTotals, crossedThreshold, emptyTotals, ParallelJobInput, type ParallelJobOutput, type PreparedParallel, type ShardInput, type Totals,
} from '../parallel/contracts';
import { PARALLEL_ACTIVITIES, PARALLEL_ORCHESTRATIONS, REDRIVE_REASON } from '../parallel/names';
import { ACTIVITIES } from '../activities/names';
import { waitForSlot } from './computeQueue';
import { JobFlow, type Step } from './jobFlow';
import { parallelActivity, parallelActivityTask, slotOf } from './parallelFlow';

/**
 * The `ParallelJob` orchestration: one instance per parallel job (instance id = job name). Like a
 * command job it goes NotStarted → Starting → Preparing → Queued → Running → Finalizing →
 * Completed | Failed | Canceled; while Running it fans the plan's mini-batches out to `ParallelShard`
 * sub-orchestrations, a wave of SHARDS_PER_WAVE at a time, folding each wave's totals and checking
 * the error thresholds between waves (the activities also stop early within a wave once a threshold
 * is crossed). It continues as new every WAVES_PER_EXECUTION waves, so its own history stays short.
 * A redrive (input `redrive`) starts from Queued and runs only the mini-batches that did not succeed.
 */

export const SHARDS_PER_WAVE = 16;
export const WAVES_PER_EXECUTION = 8;

interface Run {
  readonly flow: JobFlow;
  readonly prepared: PreparedParallel;
}

export function* parallelJobOrchestrator(context: OrchestrationContext): Step<ParallelJobOutput> {
  const input = ParallelJobInput.parse(context.df.getInput());
  const flow = new JobFlow(context, input.job);
  let prepared: PreparedParallel | undefined = input.resume?.prepared;
  try {
    if (input.resume) {
      flow.slotHeld = true;
      return yield* runWaves({ flow, prepared: input.resume.prepared }, input.resume.nextShard, input.resume.totals);
    }
    const redrive = input.redrive === true;
    if (!redrive) {
      for (const status of ['Starting', 'Preparing'] as const) {
        const moved = yield* flow.setStatus(status);
        if (moved.status !== status) return yield* follow(flow, moved.status, moved.reason);
      }
    }
    const result = yield* flow.untilCanceled<import('../parallel/contracts').ParallelPrepareResult>(
      parallelActivityTask(flow, PARALLEL_ACTIVITIES.prepare, { job: flow.job, redrive }),
    );
    if (result.canceled) return yield* endCanceledBeforeRun(flow, result.reason);
    if (!result.value.ok) return yield* endFailed(flow, undefined, result.value.error);
    prepared = result.value.prepared;

    if (!redrive) {
      const queued = yield* flow.setStatus('Queued');
      if (queued.status !== 'Queued') return yield* follow(flow, queued.status, queued.reason);
    }
    const slot = yield* waitForSlot(flow, slotOf(prepared));
    if (!slot.granted) return yield* endCanceledBeforeRun(flow, slot.cancelReason);
    const running = yield* flow.setStatus('Running', redrive ? { reason: REDRIVE_REASON } : {});
    if (running.status !== 'Running') return yield* follow(flow, running.status, running.reason, prepared);
    return yield* runWaves({ flow, prepared }, 0, emptyTotals());
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return yield* endFailed(flow, prepared, { code: 'SystemError', message: `the job's orchestration failed: ${message}` });
  }
}

function* runWaves(run: Run, firstShard: number, before: Totals): Step<ParallelJobOutput> {
  const { flow, prepared } = run;
  const shardCount = Math.ceil(prepared.planSize / prepared.shardSize);
  let totals = before;
  let nextShard = firstShard;
  for (let wave = 0; nextShard < shardCount; wave++) {
    if (wave === WAVES_PER_EXECUTION) {
      flow.context.df.continueAsNew({ job: flow.job, resume: { prepared, nextShard, totals } } satisfies ParallelJobInput);
      return { job: flow.job, status: 'Running' };
    }
    const end = Math.min(nextShard + SHARDS_PER_WAVE, shardCount);
    const shards: Task[] = [];
    for (let shard = nextShard; shard < end; shard++) shards.push(startShard(run, shard));
    const all = flow.context.df.Task.all(shards);
    const raced = yield* flow.untilCanceled<Totals[]>(all);
    if (raced.canceled) {
      const reason = raced.reason ?? DEFAULT_CANCEL_REASON;
      yield* parallelActivity(flow, PARALLEL_ACTIVITIES.halt, { job: flow.job, reason: `canceled: ${reason}` });
      yield all; // the wave's mini-batches end quickly once halted
      return yield* endCanceled(run, reason);
    }
    totals = raced.value.reduce(addTotals, totals);
    nextShard = end;
    const crossed = crossedThreshold(totals, prepared);
    if (crossed !== undefined) {
      yield* parallelActivity(flow, PARALLEL_ACTIVITIES.halt, { job: flow.job, reason: crossed });
      return yield* endRun(run, crossed);
    }
  }
  return yield* endRun(run, undefined);
}

function startShard(run: Run, shard: number): Task {
  const { flow, prepared } = run;
  const from = shard * prepared.shardSize;
  const input: ShardInput = { job: flow.job, plan: prepared.plan, from, to: Math.min(from + prepared.shardSize, prepared.planSize), groupSize: prepared.groupSize };
  return flow.context.df.callSubOrchestrator(PARALLEL_ORCHESTRATIONS.shard, input, `${flow.job}~${prepared.plan}~${shard}`);
}

/** Every wave ran, or a threshold stopped the run: reports and outputs, then Completed or Failed. */
function* endRun(run: Run, stopReason: string | undefined): Step<ParallelJobOutput> {
  const { flow } = run;
  yield* releaseSlot(run);
  const finalizing = yield* flow.setStatus('Finalizing');
  if (isTerminal(finalizing.status)) return yield* finish(flow, finalizing.status, true);
  const { error } = yield* parallelActivity(flow, PARALLEL_ACTIVITIES.finalize, {
    job: flow.job, uploadOutputs: stopReason === undefined, ...(stopReason !== undefined && { stopReason }),
  });
  const status = error === undefined ? 'Completed' : 'Failed';
  return yield* finish(flow, (yield* flow.setStatus(status, error === undefined ? {} : { error })).status, true);
}

/** Canceled while running: the reports say how far it got; outputs are not uploaded. */
function* endCanceled(run: Run, reason: string): Step<ParallelJobOutput> {
  const { flow } = run;
  const requested = yield* flow.setStatus('CancelRequested', { reason });
  yield* releaseSlot(run);
  if (isTerminal(requested.status)) return yield* finish(flow, requested.status, true);
  const finalReason = requested.reason ?? reason;
  yield* parallelActivity(flow, PARALLEL_ACTIVITIES.finalize, { job: flow.job, uploadOutputs: false, canceled: finalReason });
  return yield* finish(flow, (yield* flow.setStatus('Canceled', { reason: finalReason })).status, true);
}

function* endCanceledBeforeRun(flow: JobFlow, reason: string | undefined): Step<ParallelJobOutput> {
  const requested = yield* flow.setStatus('CancelRequested', { reason: reason ?? DEFAULT_CANCEL_REASON });
  if (isTerminal(requested.status)) return yield* finish(flow, requested.status, false);
  return yield* finish(flow, (yield* flow.setStatus('Canceled', { reason: requested.reason ?? reason ?? DEFAULT_CANCEL_REASON })).status, false);
}

function* endFailed(flow: JobFlow, prepared: PreparedParallel | undefined, error: JobError): Step<ParallelJobOutput> {
  if (prepared !== undefined) yield* releaseSlot({ flow, prepared });
  return yield* finish(flow, (yield* flow.setStatus('Failed', { error })).status, prepared !== undefined);
}

/** The status did not move as asked: cancel was requested, or the job already ended. */
function* follow(flow: JobFlow, status: JobStatus, reason: string | undefined, prepared?: PreparedParallel): Step<ParallelJobOutput> {
  if (prepared !== undefined) yield* releaseSlot({ flow, prepared });
  if (isTerminal(status)) return yield* finish(flow, status, prepared !== undefined);
  if (status === 'CancelRequested') return yield* endCanceledBeforeRun(flow, reason);
  throw new Error(`job ${flow.job} is ${status}, not the status the orchestration set`);
}

function* releaseSlot(run: Run): Step<void> {
  if (!run.flow.slotHeld) return;
  try {
    yield* run.flow.releaseSlot(slotOf(run.prepared));
  } catch {
    run.flow.slotHeld = false;
  }
}

/** Removes the job's local folders (its results are in blob storage by then, for redrive). */
function* finish(flow: JobFlow, status: JobStatus, prepared: boolean): Step<ParallelJobOutput> {
  if (prepared) {
    try {
      yield* flow.activity(ACTIVITIES.cleanUp, { job: flow.job });
    } catch {
      // Leftover folders are removed with the next clean-up of the work root.
    }
  }
  return { job: flow.job, status };
}
