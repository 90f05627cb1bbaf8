import * as df from 'durable-functions';
import type { ParallelPrepareInput, ParallelPrepareResult, HaltInput, ParallelFinalizeInput, ParallelFinalizeResult, PreparedParallel } from '../parallel/contracts';
import { PARALLEL_ACTIVITIES } from '../parallel/names';
import { activityRetryPolicy, type JobFlow, type SlotRequest, type Step } from './jobFlow';

/** The ParallelJob orchestration's typed activity calls, retried like the command job's (about two minutes). */

export interface ParallelActivityTypes {
  [PARALLEL_ACTIVITIES.prepare]: { input: ParallelPrepareInput; result: ParallelPrepareResult };
  [PARALLEL_ACTIVITIES.halt]: { input: HaltInput; result: null };
  [PARALLEL_ACTIVITIES.finalize]: { input: ParallelFinalizeInput; result: ParallelFinalizeResult };
}

export function parallelActivityTask<N extends keyof ParallelActivityTypes>(flow: JobFlow, name: N, input: ParallelActivityTypes[N]['input']): df.Task {
  return flow.context.df.callActivityWithRetry(name, activityRetryPolicy(), input);
}

export function* parallelActivity<N extends keyof ParallelActivityTypes>(flow: JobFlow, name: N, input: ParallelActivityTypes[N]['input']): Step<ParallelActivityTypes[N]['result']> {
  return (yield parallelActivityTask(flow, name, input)) as ParallelActivityTypes[N]['result'];
}

/** The compute slot a prepared parallel job takes. */
export function slotOf(prepared: PreparedParallel): SlotRequest {
  return { compute: prepared.compute, concurrencyLimit: prepared.concurrencyLimit };
}
