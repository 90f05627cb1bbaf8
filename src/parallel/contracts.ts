import { z } from 'zod';
import { JobError, JobName, JobStatus } from '../model';

/**
 * What travels between the ParallelJob orchestration, its shards and its activities. Only
 * references and counts: mini-batch contents stay in the manifest (blob storage and the job's work
 * folder), results on disk, so no history grows with the data.
 */

const Count = z.int().min(0);
const Text = z.string().min(1);

/** The mini-batches a run goes through: `all` (positions are mini-batch ids) or a redrive list. */
export const PlanId = z.string().regex(/^(all|redrive-[0-9]+)$/);
export type PlanId = z.infer<typeof PlanId>;

export const PreparedParallel = z.strictObject({
  compute: Text,
  /** Jobs that may run at once on this compute (the compute slot a parallel job takes, like a command job). */
  concurrencyLimit: z.int().min(1),
  /** Worker processes: instance_count × max_concurrency_per_instance. */
  workers: z.int().min(1),
  miniBatches: Count,
  items: Count,
  plan: PlanId,
  /** Positions in the plan (all mini-batches, or those being redriven). */
  planSize: Count,
  /** Positions per shard orchestration. */
  shardSize: z.int().min(1),
  /** Positions per activity. */
  groupSize: z.int().min(1),
  errorThreshold: z.int().min(-1),
  miniBatchErrorThreshold: z.int().min(-1),
});
export type PreparedParallel = z.infer<typeof PreparedParallel>;

export const ParallelPrepareInput = z.strictObject({ job: JobName, redrive: z.boolean() });
export type ParallelPrepareInput = z.infer<typeof ParallelPrepareInput>;

export const ParallelPrepareResult = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), prepared: PreparedParallel }),
  z.strictObject({ ok: z.literal(false), error: JobError }),
]);
export type ParallelPrepareResult = z.infer<typeof ParallelPrepareResult>;

/** Positions [pos, pos + count) of the plan: a few mini-batches per activity, so the host's cost per activity is shared. */
export const RunMiniBatchesInput = z.strictObject({ job: JobName, plan: PlanId, pos: Count, count: z.int().min(1) });
export type RunMiniBatchesInput = z.infer<typeof RunMiniBatchesInput>;

export const MiniBatchStatus = z.enum(['succeeded', 'failed', 'skipped']);
export type MiniBatchStatus = z.infer<typeof MiniBatchStatus>;

/** One mini-batch's outcome in numbers. */
export const RunMiniBatchResult = z.strictObject({ status: MiniBatchStatus, items: Count, failedItems: Count });
export type RunMiniBatchResult = z.infer<typeof RunMiniBatchResult>;

export const ShardInput = z.strictObject({ job: JobName, plan: PlanId, from: Count, to: Count, groupSize: z.int().min(1) });
export type ShardInput = z.infer<typeof ShardInput>;

export const Totals = z.strictObject({
  miniBatches: z.strictObject({ succeeded: Count, failed: Count, skipped: Count }),
  items: z.strictObject({ succeeded: Count, failed: Count }),
});
export type Totals = z.infer<typeof Totals>;

export const HaltInput = z.strictObject({ job: JobName, reason: z.string() });
export type HaltInput = z.infer<typeof HaltInput>;

export const ParallelFinalizeInput = z.strictObject({
  job: JobName,
  /** Upload outputs (a run that completed); reports are written in every case. */
  uploadOutputs: z.boolean(),
  /** Why the run stopped early, if it did (threshold crossed, canceled): goes to job_result.txt. */
  stopReason: z.string().optional(),
  /** The run was canceled, for this reason. */
  canceled: z.string().optional(),
});
export type ParallelFinalizeInput = z.infer<typeof ParallelFinalizeInput>;

/** The exact totals over every mini-batch of the job (redriven ones with their latest outcome). */
export const ParallelFinalizeResult = z.strictObject({ totals: Totals, error: JobError.optional() });
export type ParallelFinalizeResult = z.infer<typeof ParallelFinalizeResult>;

/** The orchestration's input; `resume` carries a run across continueAsNew. */
export const ParallelJobInput = z.strictObject({
  job: JobName,
  redrive: z.boolean().optional(),
  resume: z.strictObject({ prepared: PreparedParallel, nextShard: Count, totals: Totals }).optional(),
});
export type ParallelJobInput = z.infer<typeof ParallelJobInput>;

export const ParallelJobOutput = z.strictObject({ job: JobName, status: JobStatus });
export type ParallelJobOutput = z.infer<typeof ParallelJobOutput>;

export function emptyTotals(): Totals {
  return { miniBatches: { succeeded: 0, failed: 0, skipped: 0 }, items: { succeeded: 0, failed: 0 } };
}

export function addTotals(a: Totals, b: Totals): Totals {
  return {
    miniBatches: {
      succeeded: a.miniBatches.succeeded + b.miniBatches.succeeded,
      failed: a.miniBatches.failed + b.miniBatches.failed,
      skipped: a.miniBatches.skipped + b.miniBatches.skipped,
    },
    items: { succeeded: a.items.succeeded + b.items.succeeded, failed: a.items.failed + b.items.failed },
  };
}

/** Folds one mini-batch's result into totals. */
export function countResult(totals: Totals, result: RunMiniBatchResult): Totals {
  const one = emptyTotals();
  one.miniBatches[result.status] = 1;
  if (result.status !== 'skipped') {
    one.items.failed = result.failedItems;
    one.items.succeeded = result.items - result.failedItems;
  }
  return addTotals(totals, one);
}

/**
 * The threshold `totals` crossed, as the message the job fails with; undefined when none is.
 * Azure ML's rule: more failures than the threshold fail the job; -1 ignores failures.
 */
export function crossedThreshold(totals: Totals, thresholds: { errorThreshold: number; miniBatchErrorThreshold: number }): string | undefined {
  const { errorThreshold, miniBatchErrorThreshold } = thresholds;
  if (miniBatchErrorThreshold >= 0 && totals.miniBatches.failed > miniBatchErrorThreshold) {
    return `${totals.miniBatches.failed} mini-batches failed, more than mini_batch_error_threshold (${miniBatchErrorThreshold})`;
  }
  if (errorThreshold >= 0 && totals.items.failed > errorThreshold) {
    return `${totals.items.failed} items failed, more than error_threshold (${errorThreshold})`;
  }
  return undefined;
}
