import * as df from 'durable-functions';
import type { PreparedRun } from '../activities/contracts';
import type { ParallelPrepareInput, ParallelPrepareResult, HaltInput, ParallelFinalizeInput, ParallelFinalizeResult, PreparedParallel } from '../parallel/contracts';
import { PARALLEL_ACTIVITIES } from '../parallel/names';
import type { JobFlow, Step } from './jobFlow';

/** The ParallelJob orchestration's typed activity calls, retried like the command job's (about two minutes). */

export interface ParallelActivityTypes {
  [PARALLEL_ACTIVITIES.prepare]: { input: ParallelPrepareInput; result: ParallelPrepareResult };
  [PARALLEL_ACTIVITIES.halt]: { input: HaltInput; result: null };
  [PARALLEL_ACTIVITIES.finalize]: { input: ParallelFinalizeInput; result: ParallelFinalizeResult };
}

export function parallelActivityTask<N extends keyof ParallelActivityTypes>(flow: JobFlow, name: N, input: ParallelActivityTypes[N]['input']): df.Task {
  return flow.context.df.callActivityWithRetry(name, retryPolicy(), input);
}

export function* parallelActivity<N extends keyof ParallelActivityTypes>(flow: JobFlow, name: N, input: ParallelActivityTypes[N]['input']): Step<ParallelActivityTypes[N]['result']> {
  return (yield parallelActivityTask(flow, name, input)) as ParallelActivityTypes[N]['result'];
}

/** What the compute slot calls need of a prepared parallel job. */
export function slotOf(prepared: PreparedParallel): PreparedRun {
  // The slot calls read only `compute` and `concurrencyLimit`.
  return { compute: prepared.compute, concurrencyLimit: prepared.concurrencyLimit, command: '-', workingDir: '-', outputs: {} };
}

function retryPolicy(): df.RetryOptions {
  const retry = new df.RetryOptions(1_000, 8);
  retry.backoffCoefficient = 2;
  retry.maxRetryIntervalInMilliseconds = 60_000;
  return retry;
}
