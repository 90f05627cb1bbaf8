import type { Activity } from '../../activities/createActivities';
import { PARALLEL_ACTIVITIES, type ParallelActivityName } from '../names';
import type { ParallelRuntime } from '../runtime/parallelRuntime';
import { finalizeParallel } from './finalizeParallel';
import { haltParallel } from './halt';
import { prepareParallel } from './prepareParallel';
import { runMiniBatches } from './runMiniBatches';

/** The parallel job activities, by name, bound to the process's ParallelRuntime; functions/parallelJob.ts registers each. */
export function createParallelActivities(runtime: ParallelRuntime): Record<ParallelActivityName, Activity> {
  return {
    [PARALLEL_ACTIVITIES.prepare]: (input) => prepareParallel(runtime, input),
    [PARALLEL_ACTIVITIES.runMiniBatches]: (input) => runMiniBatches(runtime, input),
    [PARALLEL_ACTIVITIES.halt]: (input) => haltParallel(runtime, input),
    [PARALLEL_ACTIVITIES.finalize]: (input) => finalizeParallel(runtime, input),
  };
}
