import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandJob, startPipeline, type PipelineHarness } from './pipelineHarness';

let pipeline: PipelineHarness;

beforeAll(async () => {
  pipeline = await startPipeline({ maxConcurrentJobs: 1 });
});
afterAll(async () => {
  await pipeline?.stop();
});

describe('a compute slot whose holder was terminated by hand', () => {
  it('is given back, so the next queued job still runs, and the terminated job is failed with the reason', async () => {
    const stuck = commandJob();
    const next = commandJob();
    pipeline.compute.script(stuck.name, { pollsUntilExit: Infinity });
    for (const job of [stuck, next]) expect((await pipeline.post('/api/jobs', job)).status).toBe(201);
    await pipeline.settle(0.2);
    expect((await pipeline.record(stuck.name)).status).toBe('Running');
    expect((await pipeline.record(next.name)).status).toBe('Queued');

    const terminated = await pipeline.post(`/runtime/webhooks/durabletask/instances/${stuck.name}/terminate?reason=by%20hand`);
    expect(terminated.status).toBe(202);
    await pipeline.settle();

    expect(await pipeline.statuses(next.name)).toEqual(['NotStarted', 'Starting', 'Preparing', 'Queued', 'Running', 'Finalizing', 'Completed']);
    const orphan = await pipeline.record(stuck.name);
    expect(orphan.status).toBe('Failed');
    expect(orphan.error?.message).toMatch(/^the job's orchestration is Terminated while the job was Running/);
    expect(pipeline.compute.startCalls).toEqual([stuck.name, next.name]);
  });
});
