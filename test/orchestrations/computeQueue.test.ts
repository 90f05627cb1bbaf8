import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandJob, startPipeline, type PipelineHarness } from './pipelineHarness';

let pipeline: PipelineHarness;

beforeAll(async () => {
  pipeline = await startPipeline({ maxConcurrentJobs: 1 });
});
afterAll(async () => {
  await pipeline?.stop();
});

describe('the per-compute job limit', () => {
  it('runs one job at a time on a compute limited to one, in arrival order, each started as the one before ends', async () => {
    const jobs = [commandJob(), commandJob(), commandJob()];
    for (const job of jobs) pipeline.compute.script(job.name, { pollsUntilExit: 4 });
    for (const job of jobs) {
      expect((await pipeline.post('/api/jobs', job)).status).toBe(201);
      await pipeline.settle(0); // this job reaches the queue before the next one is submitted
    }
    await pipeline.settle();
    const records = await Promise.all(jobs.map((job) => pipeline.record(job.name)));
    expect(records.map((r) => r.status)).toEqual(['Completed', 'Completed', 'Completed']);
    expect(pipeline.compute.maxRunningAtOnce).toBe(1);
    const starts = records.map((r) => Date.parse(r.startedAt!));
    const ends = records.map((r) => Date.parse(r.endedAt!));
    expect(starts[0]).toBeLessThan(starts[1]!);
    expect(starts[1]).toBeLessThan(starts[2]!);
    // The job that ends wakes the next one: no waiting for its next look at the queue.
    expect(Math.abs(starts[1]! - ends[0]!)).toBeLessThan(1_000);
    expect(Math.abs(starts[2]! - ends[1]!)).toBeLessThan(1_000);
  });

  it('cancels a queued job without starting it, and the queue moves on', async () => {
    const running = commandJob();
    const queued = commandJob();
    const after = commandJob();
    pipeline.compute.script(running.name, { pollsUntilExit: 30 });
    for (const job of [running, queued, after]) expect((await pipeline.post('/api/jobs', job)).status).toBe(201);
    await pipeline.settle(0.2);
    expect((await pipeline.record(queued.name)).status).toBe('Queued');
    expect((await pipeline.post(`/api/jobs/${queued.name}/cancel`)).status).toBe(202);
    await pipeline.settle();
    expect(await pipeline.statuses(queued.name)).toEqual(['NotStarted', 'Starting', 'Preparing', 'Queued', 'CancelRequested', 'Canceled']);
    expect((await pipeline.record(queued.name)).statusHistory.at(-1)?.reason).toBe('canceled by request');
    expect(pipeline.compute.startCalls).not.toContain(queued.name);
    expect((await pipeline.record(after.name)).status).toBe('Completed');
  });
});
