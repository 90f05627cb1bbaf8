import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { EventType } from '../../../src/host/durable/historyEvents';
import { startEngine, type EngineHarness } from './engineHarness';

const harnesses: EngineHarness[] = [];
async function engine(options?: Parameters<typeof startEngine>[0]): Promise<EngineHarness> {
  const h = await startEngine(options);
  harnesses.push(h);
  return h;
}
afterEach(async () => {
  while (harnesses.length) await harnesses.pop()!.engine.stop();
});

describe('durable engine', () => {
  it('runs a sequence of activities and records the output', async () => {
    const h = await engine();
    const id = await h.engine.startNew('HelloSequence');
    await h.settle();
    const record = await h.store.readInstance(id);
    expect(record?.runtimeStatus).toBe('Completed');
    expect(await h.output(id)).toEqual(['Hello, Tokyo!', 'Hello, Seattle!', 'Hello, London!']);
  });

  it('fans out 1,000 activities and fans their results in', async () => {
    const h = await engine();
    const id = await h.engine.startNew('FanOut', { input: 1000 });
    await h.settle();
    expect(await h.output(id)).toBe(999 * 1000);
    const history = await h.engine.getHistory((await h.store.readInstance(id))!);
    expect(history.filter((e) => e.EventType === EventType.TaskScheduled)).toHaveLength(1000);
    // Completions are folded: far fewer episodes than activities.
    expect(history.filter((e) => e.EventType === EventType.OrchestratorStarted).length).toBeLessThan(200);
  });

  it('retries a failing activity with back-off timers and succeeds within the attempts', async () => {
    const h = await engine();
    const id = await h.engine.startNew('WithRetry', { input: { key: randomUUID(), failures: 2, attempts: 3 } });
    await h.settle();
    expect(await h.output(id)).toBe('ok after 3');
    const history = await h.engine.getHistory((await h.store.readInstance(id))!);
    expect(history.filter((e) => e.EventType === EventType.TaskFailed)).toHaveLength(2);
    expect(history.filter((e) => e.EventType === EventType.TimerFired)).toHaveLength(2);
  });

  it('fails the instance when retries are exhausted', async () => {
    const h = await engine();
    const id = await h.engine.startNew('WithRetry', { input: { key: randomUUID(), failures: 5, attempts: 2 } });
    await h.settle();
    const record = await h.store.readInstance(id);
    expect(record?.runtimeStatus).toBe('Failed');
    expect(record?.output).toContain('flaky failure 2');
  });

  it('lets the orchestrator catch an activity failure', async () => {
    const h = await engine();
    const id = await h.engine.startNew('CatchesFailure');
    await h.settle();
    expect(await h.output(id)).toBe('caught: true');
  });

  it('resolves a timer-versus-event race with the event when it comes first', async () => {
    const h = await engine();
    const id = await h.engine.startNew('Approval');
    await h.settle({ advanceTimers: false });
    await h.engine.raiseEvent(id, 'Approved', { by: 'ada' });
    await h.settle({ advanceTimers: false });
    expect(await h.output(id)).toBe('approved by ada');
  });

  it('resolves the race with the timer when no event arrives, after 72 virtual hours', async () => {
    const h = await engine();
    const started = h.clock.now();
    const id = await h.engine.startNew('Approval');
    await h.settle();
    expect(await h.output(id)).toBe('timed out');
    expect(h.clock.now() - started).toBe(72 * 3600 * 1000);
  });

  it('splits a 10-day timer into chunks and fires it at the right time', async () => {
    const h = await engine();
    const id = await h.engine.startNew('LongTimer');
    await h.settle();
    expect(await h.output(id)).toBe(10);
    const history = await h.engine.getHistory((await h.store.readInstance(id))!);
    expect(history.filter((e) => e.EventType === EventType.TimerCreated).length).toBeGreaterThan(1);
  });

  it('runs sub-orchestrations and returns their results to the parent', async () => {
    const h = await engine();
    const id = await h.engine.startNew('Parent');
    await h.settle();
    expect(await h.output(id)).toEqual({ a: ['Hello, Tokyo!', 'Hello, Seattle!', 'Hello, London!'], b: 90 });
    expect((await h.store.readInstance(`${id}-child`))?.parentInstanceId).toBe(id);
  });

  it('continues as new until the counter reaches five', async () => {
    const h = await engine();
    const id = await h.engine.startNew('Counter', { input: 0 });
    await h.settle();
    const record = await h.store.readInstance(id);
    expect(record?.runtimeStatus).toBe('Completed');
    expect(await h.output(id)).toBe(5);
    expect((await h.engine.getHistory(record!)).filter((e) => e.EventType === EventType.ExecutionStarted)).toHaveLength(1);
  });

  it('terminates a waiting instance and ignores later events', async () => {
    const h = await engine();
    const id = await h.engine.startNew('Status');
    await h.settle();
    await h.engine.terminate(id, 'no longer needed');
    await h.settle();
    const record = await h.store.readInstance(id);
    expect(record?.runtimeStatus).toBe('Terminated');
    expect(JSON.parse(record!.output!)).toBe('no longer needed');
  });

  it('keeps custom status and holds events while suspended', async () => {
    const h = await engine();
    const id = await h.engine.startNew('Status');
    await h.settle();
    expect(JSON.parse((await h.store.readInstance(id))!.customStatus!)).toEqual({ stage: 'waiting' });
    await h.engine.suspend(id, 'maintenance');
    await h.settle();
    expect((await h.store.readInstance(id))?.runtimeStatus).toBe('Suspended');
    await h.engine.raiseEvent(id, 'Go', 42);
    await h.settle();
    expect((await h.store.readInstance(id))?.runtimeStatus).toBe('Suspended');
    await h.engine.resumeSuspended(id);
    await h.settle();
    expect(await h.output(id)).toBe(42);
  });

  it('fails an orchestrator that throws, with its message', async () => {
    const h = await engine();
    const id = await h.engine.startNew('Throws');
    await h.settle();
    const record = await h.store.readInstance(id);
    expect(record?.runtimeStatus).toBe('Failed');
    expect(record?.output).toContain('orchestrator exploded');
  });

  it('fails an instance whose code no longer matches its history, naming both steps', async () => {
    const h = await engine();
    delete process.env.DJ_DRIFT_ACTIVITY;
    const id = await h.engine.startNew('Drifting');
    await h.settle();
    process.env.DJ_DRIFT_ACTIVITY = 'Double';
    try {
      await h.engine.raiseEvent(id, 'Next', null);
      await h.settle();
    } finally {
      delete process.env.DJ_DRIFT_ACTIVITY;
    }
    const record = await h.store.readInstance(id);
    expect(record?.runtimeStatus).toBe('Failed');
    const message = JSON.parse(record!.output!) as string;
    expect(message).toContain('Non-deterministic');
    expect(message).toContain('TaskScheduled("Hello")');
    expect(message).toContain('CallActivity("Double")');
  });

  it('refuses to start a second instance with the id of a running one', async () => {
    const h = await engine();
    const id = await h.engine.startNew('Status', { instanceId: `dup-${randomUUID()}` });
    await expect(h.engine.startNew('Status', { instanceId: id })).rejects.toThrow(/already exists/);
  });

  it('resumes an in-flight instance in a new engine over the same task hub', async () => {
    const first = await engine();
    const id = await first.engine.startNew('Status');
    await first.settle();
    await first.engine.stop();
    const second = await engine({ hubName: first.hubName, clock: first.clock });
    await second.engine.raiseEvent(id, 'Go', 'after restart');
    await second.settle();
    expect(await second.output(id)).toBe('after restart');
  });

  it('purges a finished instance with its history', async () => {
    const h = await engine();
    const id = await h.engine.startNew('HelloSequence');
    await h.settle();
    expect(await h.engine.purge(id)).toBe(true);
    expect(await h.store.readInstance(id)).toBeUndefined();
  });
});
