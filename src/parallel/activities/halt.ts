import { HaltInput } from '../contracts';
import type { ParallelRuntime } from '../runtime/parallelRuntime';

/** `ParallelHalt`: the job's mini-batches not yet started are skipped from now on (thresholds crossed, canceled). */
export async function haltParallel(runtime: ParallelRuntime, raw: unknown): Promise<null> {
  const { job, reason } = HaltInput.parse(raw);
  const state = await runtime.state(job);
  if (state.halted === undefined) await state.halt(reason);
  return null;
}
