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
