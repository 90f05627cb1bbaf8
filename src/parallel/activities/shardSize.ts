/**
 * Positions per shard orchestration: about 16 shards per run (4 waves of 4), so thresholds are
 * checked and progress folded often enough, and at most MAX_SHARD_SIZE mini-batches in one shard's
 * history.
 */
export const MAX_SHARD_SIZE = 500;
const TARGET_SHARDS = 16;

export function shardSizeFor(planSize: number): number {
  return Math.min(MAX_SHARD_SIZE, Math.max(1, Math.ceil(planSize / TARGET_SHARDS)));
}

/**
 * Mini-batches per activity: one for small jobs (progress and retries stay fine-grained), up to
 * MAX_GROUP_SIZE for large ones, so that a job has about TARGET_ACTIVITIES activities whatever its
 * size and the host's cost per activity (dispatch, history, replay) is shared.
 */
export const MAX_GROUP_SIZE = 16;
const TARGET_ACTIVITIES = 512;

export function groupSizeFor(planSize: number): number {
  return Math.min(MAX_GROUP_SIZE, Math.max(1, Math.ceil(planSize / TARGET_ACTIVITIES)));
}
