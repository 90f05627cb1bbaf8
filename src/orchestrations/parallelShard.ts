import type { OrchestrationContext, Task } from 'durable-functions';
import * as df from 'durable-functions';
import { addTotals, emptyTotals, ShardInput, type Totals } from '../parallel/contracts';
import { PARALLEL_ACTIVITIES } from '../parallel/names';
import type { Step } from './jobFlow';

/**
 * `ParallelShard`: runs positions [from, to) of a parallel job's plan, `groupSize` of them per
 * `ParallelRunMiniBatches` activity, all scheduled at once (the job's worker pool sets the pace),
 * and returns their folded totals. The history holds a few numbers per mini-batch and one shard's worth of them, so the job
 * as a whole never has a history that grows with its size. Retries of a failing mini-batch happen
 * inside the activity (a user error is a result, not a failure); the retry policy here only covers
 * the infrastructure (the result could not be stored). An activity that fails even so fails the
 * shard, and the job with a SystemError.
 */
export function* parallelShardOrchestrator(context: OrchestrationContext): Step<Totals> {
  const input = ShardInput.parse(context.df.getInput());
  const tasks: Task[] = [];
  for (let pos = input.from; pos < input.to; pos += input.groupSize) {
    const count = Math.min(input.groupSize, input.to - pos);
    tasks.push(context.df.callActivityWithRetry(PARALLEL_ACTIVITIES.runMiniBatches, infrastructureRetry(), { job: input.job, plan: input.plan, pos, count }));
  }
  const results = (yield context.df.Task.all(tasks)) as Totals[];
  return results.reduce(addTotals, emptyTotals());
}

/** 1 s doubling to 30 s, 6 attempts: storage or the job store being away for a while. */
function infrastructureRetry(): df.RetryOptions {
  const retry = new df.RetryOptions(1_000, 6);
  retry.backoffCoefficient = 2;
  retry.maxRetryIntervalInMilliseconds = 30_000;
  return retry;
}
