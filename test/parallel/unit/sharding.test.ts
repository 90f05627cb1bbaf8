import { describe, expect, it } from 'vitest';
import { groupSizeFor, MAX_GROUP_SIZE, MAX_SHARD_SIZE, shardSizeFor } from '../../../src/parallel/activities/shardSize';
import { SHARDS_PER_WAVE, WAVES_PER_EXECUTION } from '../../../src/orchestrations/parallelJob';

/** How a plan is cut into shards and activities: no single orchestration history grows with the job's size. */
describe('sharding a parallel job', () => {
  for (const planSize of [1, 7, 200, 1_000, 10_000, 100_000, 1_000_000]) {
    it(`keeps every history bounded for ${planSize.toLocaleString('en-US')} mini-batches`, () => {
      const shard = shardSizeFor(planSize);
      const group = groupSizeFor(planSize);
      const shards = Math.ceil(planSize / shard);
      const activitiesPerShard = Math.ceil(shard / group);
      expect(shard).toBeLessThanOrEqual(MAX_SHARD_SIZE);
      expect(group).toBeLessThanOrEqual(MAX_GROUP_SIZE);
      // A shard's history holds its activities (scheduled + completed), at most 500 / 1 = 500 of them.
      expect(activitiesPerShard).toBeLessThanOrEqual(MAX_SHARD_SIZE);
      // The job's own history, per execution (it continues as new after WAVES_PER_EXECUTION waves): a bounded number of shards.
      expect(Math.min(shards, SHARDS_PER_WAVE * WAVES_PER_EXECUTION)).toBeLessThanOrEqual(128);
      // Every position is covered exactly once.
      const covered = Array.from({ length: shards }, (_, i) => Math.min(shard, planSize - i * shard)).reduce((a, b) => a + b, 0);
      expect(covered).toBe(planSize);
    });
  }

  it('runs small jobs one mini-batch per activity, and large ones in groups', () => {
    expect(groupSizeFor(200)).toBe(1);
    expect(groupSizeFor(10_000)).toBe(MAX_GROUP_SIZE);
  });
});
