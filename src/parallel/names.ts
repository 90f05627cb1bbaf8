/**
 * The names both sides of a parallel job agree on: the ParallelJob orchestration calls its shards
 * and activities by these names, functions/parallelJob.ts registers them. Nothing else spells them.
 */

export const PARALLEL_ORCHESTRATIONS = {
  /** One instance per parallel job; the instance id is the job name. */
  job: 'ParallelJob',
  /** A range of the job's mini-batches; instance id `<job>~<plan>~<shard>`. */
  shard: 'ParallelShard',
} as const;

export const PARALLEL_ACTIVITIES = {
  /** Code snapshot, inputs, partitioning into mini-batches (manifest to blob), the worker set-up. */
  prepare: 'ParallelPrepare',
  /** A few consecutive mini-batches through the job's worker pool, each with its retries; outcomes kept on disk. */
  runMiniBatches: 'ParallelRunMiniBatches',
  /** Stops the job's remaining mini-batches from running (threshold crossed, canceled). */
  halt: 'ParallelHalt',
  /** Reports, append_row output, outputs upload, exact progress; the worker pool closed. */
  finalize: 'ParallelFinalize',
} as const;
export type ParallelActivityName = (typeof PARALLEL_ACTIVITIES)[keyof typeof PARALLEL_ACTIVITIES];

/** Reasons on the status history. */
export const REDRIVE_REASON = 'redrive';

/** Per-job reports among the job's log files, as Azure ML names them. */
export const PARALLEL_LOGS = {
  progressOverview: 'logs/job_progress_overview.txt',
  result: 'logs/job_result.txt',
  error: 'logs/job_error.txt',
  processedMiniBatches: 'logs/sys/job_report/processed_mini-batches.csv',
} as const;

/** Where the workers' prints go: one log per worker process slot. */
export function workerLogName(worker: number): string {
  return `logs/user/stdout/worker_${String(worker).padStart(3, '0')}.txt`;
}

/** The job's system files (ArtifactStore.writeSystemFile). */
export const PARALLEL_SYSTEM_FILES = {
  /** Gzipped JSON (serializeManifest). */
  manifest: 'parallel/manifest.json.gz',
  /** One JSON line per mini-batch, in order: its outcome and rows, kept for redrive. */
  results: 'parallel/results.jsonl',
} as const;
