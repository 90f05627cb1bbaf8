import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandJob, startPipeline, type PipelineHarness } from './pipelineHarness';

let pipeline: PipelineHarness;

beforeAll(async () => {
  pipeline = await startPipeline();
});
afterAll(async () => {
  await pipeline?.stop();
});

/** The orchestration's history as the management API shows it (`FunctionName` is an event's name too). */
async function history(job: string): Promise<Array<{ EventType: string; FunctionName?: string }>> {
  const response = await pipeline.get(`/runtime/webhooks/durabletask/instances/${job}?showHistory=true`);
  return ((await response.json()) as { history: Array<{ EventType: string; FunctionName?: string }> }).history;
}

async function submit(job: Record<string, unknown>): Promise<void> {
  const response = await pipeline.post('/api/jobs', job);
  expect(response.status, await response.clone().text()).toBe(201);
}

describe('the CommandJob orchestration', () => {
  it('takes a job through every status to Completed, polling the run between durable timers', async () => {
    const job = commandJob();
    pipeline.compute.script(job.name, { pollsUntilExit: 3, log: 'hi\n' });
    await submit(job);
    await pipeline.settle();
    expect(await pipeline.statuses(job.name)).toEqual(['NotStarted', 'Starting', 'Preparing', 'Queued', 'Running', 'Finalizing', 'Completed']);
    const record = await pipeline.record(job.name);
    expect(record.logFiles).toEqual({ 'user_logs/std_log.txt': `https://memory.invalid/job-artifacts/${job.name}/logs/user_logs/std_log.txt` });
    expect(await pipeline.log(job.name)).toBe('hi\n');
    expect(record.startedAt).toBeDefined();
    expect(record.endedAt).toBeDefined();
    const [run] = pipeline.compute.runsOf(job.name);
    expect(run!.polls).toBe(4);
    expect(run!.request).toMatchObject({ job: job.name, command: 'echo hi', logName: 'user_logs/std_log.txt' });
  });

  it('looks at a run at once when the command ended before its start returned: one look, no timer', async () => {
    const job = commandJob();
    pipeline.compute.script(job.name, { pollsUntilExit: 0, tellsExit: 'during-start', log: 'hi\n' });
    await submit(job);
    await pipeline.settle();
    expect(await pipeline.statuses(job.name)).toEqual(['NotStarted', 'Starting', 'Preparing', 'Queued', 'Running', 'Finalizing', 'Completed']);
    expect(pipeline.compute.runsOf(job.name)[0]!.polls).toBe(1);
    expect(await pipeline.log(job.name)).toBe('hi\n');
    expect((await history(job.name)).filter((event) => event.EventType === 'TimerFired')).toEqual([]);
  });

  it('looks at a run when the compute says its command ended, without waiting for the next timer', async () => {
    const job = commandJob();
    pipeline.compute.script(job.name, { tellsExit: 'after-start' });
    await submit(job);
    await pipeline.settle();
    expect((await pipeline.record(job.name)).status).toBe('Completed');
    const events = await history(job.name);
    const told = events.findIndex((event) => event.EventType === 'EventRaised' && event.FunctionName === 'runExited');
    expect(told).toBeGreaterThan(0);
    const after = events.slice(told + 1);
    // Next comes a look at the run (JobPollRun) — or, when a poll had already seen the exit in the
    // same episode, the ending (JobFinish) — but never a timer being waited out.
    const next = after.find((event) => event.EventType === 'TaskScheduled' || event.EventType === 'TimerFired');
    expect(next?.EventType).toBe('TaskScheduled');
    expect(['JobPollRun', 'JobFinish']).toContain(next?.FunctionName);
  });

  it('snapshots the code, resolves inputs, expands the command and uploads outputs', async () => {
    await mkdir(path.join(pipeline.dataRoot, 'src'), { recursive: true });
    await writeFile(path.join(pipeline.dataRoot, 'src', 'train.py'), 'print(1)\n');
    await mkdir(path.join(pipeline.dataRoot, 'texts'), { recursive: true });
    const job = commandJob({
      code: 'src',
      command: 'python train.py --data ${{inputs.texts}} --lr ${{inputs.lr}} --out ${{outputs.model}} $[[--extra ${{inputs.extra}}]]',
      inputs: { texts: { type: 'uri_folder', path: 'texts' }, lr: 0.5, extra: { type: 'uri_file', optional: true } },
      outputs: { model: { type: 'uri_folder' } },
    });
    await submit(job);
    await pipeline.settle();
    const record = await pipeline.record(job.name);
    expect(record.status).toBe('Completed');
    expect(record.outputs).toEqual({ model: `https://memory.invalid/job-artifacts/${job.name}/outputs/model/` });
    const { command, workingDir } = pipeline.compute.runsOf(job.name)[0]!.request;
    const output = path.join(path.dirname(workingDir), 'outputs', 'model');
    const readOnlyCopy = path.join(path.dirname(workingDir), 'inputs', 'texts');
    expect(command).toBe(`python train.py --data '${readOnlyCopy}' --lr '0.5' --out '${output}' `);
    expect(path.basename(workingDir)).toBe('code');
  });

  it('goes on from Starting when its first status change stopped there, as in histories from before Starting and Preparing shared a write', async () => {
    const job = commandJob();
    const update = pipeline.jobs.update.bind(pipeline.jobs);
    pipeline.jobs.update = async (name, change) => update(name, (current) => {
      const next = change(current);
      if (name !== job.name || current.status !== 'NotStarted') return next;
      return { ...next, status: 'Starting', statusHistory: next.statusHistory.slice(0, -1) }; // an old JobSetStatus: Starting only
    });
    try {
      await submit(job);
      await pipeline.settle();
    } finally {
      pipeline.jobs.update = update;
    }
    expect(await pipeline.statuses(job.name)).toEqual(['NotStarted', 'Starting', 'Preparing', 'Queued', 'Running', 'Finalizing', 'Completed']);
  });

  it('fails a job whose command exits non-zero, with the exit code and the last lines of its log', async () => {
    const job = commandJob({ command: 'python fail.py' });
    pipeline.compute.script(job.name, { exitCode: 3, log: 'starting\nTraceback: boom\n' });
    await submit(job);
    await pipeline.settle();
    const record = await pipeline.record(job.name);
    expect(record.status).toBe('Failed');
    expect(record.error).toEqual({ code: 'UserError', message: 'exit code 3; last lines of user_logs/std_log.txt:\nstarting\nTraceback: boom' });
    expect(record.outputs).toEqual({});
  });

  it('fails a job whose code folder lies outside the data root, without running anything', async () => {
    const job = commandJob({ code: '../..' });
    await submit(job);
    await pipeline.settle();
    const record = await pipeline.record(job.name);
    expect(record.status).toBe('Failed');
    expect(record.error?.code).toBe('UserError');
    expect(record.error?.message).toMatch(/^code {2}"\.\.\/\.\." resolves to .*, outside the data root/);
    expect(pipeline.compute.runsOf(job.name)).toHaveLength(0);
  });

  it('fails a job whose run cannot start with a SystemError, and does not start it twice', async () => {
    const job = commandJob();
    pipeline.compute.script(job.name, { startFails: 'no such shell' });
    await submit(job);
    await pipeline.settle();
    const record = await pipeline.record(job.name);
    expect(record.status).toBe('Failed');
    expect(record.error).toMatchObject({ code: 'SystemError' });
    expect(record.error?.message).toContain('no such shell');
    expect(pipeline.compute.startCalls.filter((name) => name === job.name)).toHaveLength(1);
  });

  it('rides out a job store outage: failed status changes are retried until they get through, and the run starts once', async () => {
    const job = commandJob();
    const update = pipeline.jobs.update.bind(pipeline.jobs);
    let failures = 0;
    pipeline.jobs.update = async (name, change) => update(name, (current) => {
      const next = change(current);
      if (name === job.name && next.status === 'Running' && failures++ < 3) throw new Error('Cosmos DB unavailable');
      return next;
    });
    try {
      await submit(job);
      await pipeline.settle();
    } finally {
      pipeline.jobs.update = update;
    }
    expect(failures).toBe(4);
    expect((await pipeline.record(job.name)).status).toBe('Completed');
    expect(pipeline.compute.startCalls.filter((name) => name === job.name)).toHaveLength(1);
  });

  it('fails a job whose run the compute lost', async () => {
    const job = commandJob();
    pipeline.compute.script(job.name, { lostAt: 2, pollsUntilExit: Infinity });
    await submit(job);
    await pipeline.settle();
    expect(await pipeline.record(job.name)).toMatchObject({
      status: 'Failed', error: { code: 'SystemError', message: 'the compute "local" lost the run: the runner vanished' },
    });
  });

  it('marks a run without heartbeats NotResponding, and Running again when they resume', async () => {
    const job = commandJob();
    pipeline.compute.script(job.name, { pollsUntilExit: 6, staleFrom: 2, staleTo: 3 });
    await submit(job);
    await pipeline.settle();
    const record = await pipeline.record(job.name);
    expect(record.statusHistory.map((c) => c.status)).toEqual(['NotStarted', 'Starting', 'Preparing', 'Queued', 'Running', 'NotResponding', 'Running', 'Finalizing', 'Completed']);
    expect(record.statusHistory[5]?.reason).toBe('the run stopped sending heartbeats');
  });

  it('cancels a running job on request: the run is stopped and the job ends Canceled with the reason', async () => {
    const job = commandJob();
    pipeline.compute.script(job.name, { pollsUntilExit: Infinity });
    await submit(job);
    await pipeline.settle(1);
    expect((await pipeline.record(job.name)).status).toBe('Running');
    const cancel = await pipeline.post(`/api/jobs/${job.name}/cancel`, { reason: 'wrong data' });
    expect(cancel.status).toBe(202);
    expect(await cancel.json()).toMatchObject({ name: job.name, status: 'CancelRequested' });
    await pipeline.settle();
    const record = await pipeline.record(job.name);
    expect(record.statusHistory.slice(-2)).toMatchObject([{ status: 'CancelRequested', reason: 'wrong data' }, { status: 'Canceled', reason: 'wrong data' }]);
    expect(pipeline.compute.runsOf(job.name)[0]!.canceled).toBe('wrong data');
  });

  it('cancels a job when limits.timeout is reached, with reason timeout', async () => {
    const job = commandJob({ limits: { timeout: 45 } });
    pipeline.compute.script(job.name, { pollsUntilExit: Infinity });
    await submit(job);
    await pipeline.settle();
    const record = await pipeline.record(job.name);
    expect(record.statusHistory.slice(-2)).toMatchObject([{ status: 'CancelRequested', reason: 'timeout' }, { status: 'Canceled', reason: 'timeout' }]);
    const ran = Date.parse(record.endedAt!) - Date.parse(record.startedAt!);
    expect(ran).toBeGreaterThanOrEqual(45_000);
    expect(ran).toBeLessThan(50_000);
    expect(pipeline.compute.runsOf(job.name)[0]!.canceled).toBe('timeout');
  });

  it('keeps polling a long run across generations (continue-as-new) until it ends', async () => {
    const job = commandJob();
    pipeline.compute.script(job.name, { pollsUntilExit: 120 });
    await submit(job);
    await pipeline.settle(60);
    expect((await pipeline.record(job.name)).status).toBe('Completed');
    expect(pipeline.compute.runsOf(job.name)[0]!.polls).toBe(121);
    const polls = (await history(job.name)).filter((event) => event.EventType === 'TimerFired').length;
    expect(polls).toBeLessThan(100); // the last generation only
  });
});
