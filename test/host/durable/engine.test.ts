import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EventType } from '../../../src/host/durable/historyEvents';
import { blobServiceClient, tableClient } from '../../../src/adapters/storage/connection';
import { createEngine, startEngine, storageConnection, type EngineHarness } from './engineHarness';

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

  it('numbers retries interleaved with parallel and later work the way the library does', async () => {
    const h = await engine();
    const id = await h.engine.startNew('RetryInParallel', { input: { key: randomUUID() } });
    await h.settle();
    expect((await h.store.readInstance(id))?.runtimeStatus).toBe('Completed');
    expect(await h.output(id)).toEqual(['ok after 3', 2, 'ok after 2', 4, 'ok after 4']);
  });

  it('lets an event win against a 20-day chunked timer, and the timer win when no event comes', async () => {
    const h = await engine();
    const early = await h.engine.startNew('LongDeadline');
    const late = await h.engine.startNew('LongDeadline');
    await h.settle({ advanceTimers: false });
    h.clock.advanceBy(4 * 24 * 3600 * 1000); // first chunk (3 days) has fired by now
    await h.settle({ advanceTimers: false });
    await h.engine.raiseEvent(early, 'Done', null);
    await h.settle();
    expect(await h.output(early)).toBe('event then 42');
    expect(await h.output(late)).toBe('deadline then 42');
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

  it('warns when an orchestrator yields an already scheduled task again inside Task.any', async () => {
    const h = await engine();
    const id = await h.engine.startNew('Reyield');
    await h.settle();
    expect(await h.output(id)).toBe('timed out twice');
    const warnings = h.logger.messages('warn').filter((m) => m.includes('already scheduled task again'));
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings[0]).toContain('WaitForExternalEvent');
  });

  it('calls HTTP endpoints from an orchestration and follows 202 Location polling with durable timers', async () => {
    const requests: string[] = [];
    let polls = 0;
    const server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      if (req.url === '/thing') { res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":1}'); return; }
      if (req.url === '/job' || (req.url === '/job/status' && ++polls < 2)) {
        res.writeHead(202, { Location: '/job/status', 'Retry-After': '5' }).end();
        return;
      }
      res.writeHead(200).end('done');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const h = await engine();
      const started = h.clock.now();
      const id = await h.engine.startNew('CallsHttp', { input: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
      await h.settle();
      expect(await h.output(id)).toEqual({ simple: 200, simpleBody: { ok: 1 }, polled: 200, polledBody: 'done' });
      expect(requests).toEqual(['GET /thing', 'POST /job', 'GET /job/status', 'GET /job/status']);
      expect(h.clock.now() - started).toBe(10_000); // two polls, 5 s apart each, on the virtual clock
    } finally {
      server.close();
    }
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

  it('lets only one engine run a task hub at a time and hands it over on stop', async () => {
    const first = await engine();
    const second = await createEngine({ hubName: first.hubName, clock: first.clock });
    harnesses.push(second);
    let secondStarted = false;
    const starting = second.engine.start().then(() => { secondStarted = true; });
    const id = await first.engine.startNew('Status');
    await first.settle();
    expect(secondStarted).toBe(false);
    await first.engine.stop();
    await starting;
    expect(secondStarted).toBe(true);
    await second.engine.raiseEvent(id, 'Go', 'handed over');
    await second.settle();
    expect(await second.output(id)).toBe('handed over');
  });

  it('stores payloads above the inline limit as blobs and reads them back whole', async () => {
    const h = await engine();
    const big = 'x'.repeat(100_000);
    const id = await h.engine.startNew('Status');
    await h.settle();
    await h.engine.raiseEvent(id, 'Go', big);
    await h.settle();
    expect(await h.output(id)).toBe(big);
    const history = await h.engine.getHistory((await h.store.readInstance(id))!);
    expect(history.find((e) => e.Name === 'Go')?.Input).toBe(JSON.stringify(big));
    const blobs = blobServiceClient(storageConnection()).getContainerClient(`${h.hubName.toLowerCase()}-largemessages`);
    const names: string[] = [];
    for await (const blob of blobs.listBlobsFlat()) names.push(blob.name);
    expect(names.length).toBeGreaterThan(0);
    const raw = await blobs.getBlobClient(names[0]!).downloadToBuffer();
    expect(raw.length).toBeGreaterThanOrEqual(100_000);
  });

  it('calls and signals an entity from an orchestration and keeps its state', async () => {
    const h = await engine();
    const key = randomUUID();
    const id = await h.engine.startNew('UsesTally', { input: key });
    await h.settle();
    expect(await h.output(id)).toEqual({ value: 15, failure: 'caught' });
    await h.engine.signalEntity('Tally', key, 'add', 1);
    await h.settle();
    expect(await h.engine.readEntityState('Tally', key)).toEqual({ exists: true, state: 16 });
    expect(await h.engine.readEntityState('Tally', 'never-used')).toEqual({ exists: false, state: undefined });
  });

  it('rebuilds an instance from storage when a history write fails, and still completes it exactly', async () => {
    let appends = 0;
    const h = await engine({
      wrapStore: (store) => new Proxy(store, {
        get(target, property, receiver) {
          if (property !== 'appendHistory') return Reflect.get(target, property, receiver);
          return (...args: Parameters<typeof store.appendHistory>) => {
            appends++;
            if (appends === 2 || appends === 4) return Promise.reject(new Error('storage unavailable (injected)'));
            return target.appendHistory(...args);
          };
        },
      }),
    });
    const id = await h.engine.startNew('Chain', { input: 20 });
    await h.engine.waitForCompletion(id);
    expect(await h.output(id)).toBe(20);
    expect(h.logger.messages('error').filter((m) => m.includes('injected'))).toHaveLength(2);
    const history = await h.engine.getHistory((await h.store.readInstance(id))!);
    const completed = history.filter((e) => e.EventType === EventType.TaskCompleted).map((e) => e.TaskScheduledId);
    expect(completed).toEqual([...Array(20).keys()]);
  });

  it('keeps an entity working after many operations, when its row no longer fits a table property', async () => {
    const h = await engine();
    const key = randomUUID();
    for (let batch = 0; batch < 6; batch++) {
      await Promise.all(Array.from({ length: 100 }, () => h.engine.signalEntity('Tally', key, 'add', 1)));
      await h.settle();
    }
    expect(await h.engine.readEntityState('Tally', key)).toEqual({ exists: true, state: 600 });
    const row = await tableClient(storageConnection(), `${h.hubName}Instances`).getEntity<{ Json: string }>(`@tally@${key}`, '');
    expect(row.Json.startsWith('$blob:')).toBe(true); // the remembered answers outgrew a table property
  });

  it('purges a finished instance with its history', async () => {
    const h = await engine();
    const id = await h.engine.startNew('HelloSequence');
    await h.settle();
    expect(await h.engine.purge(id)).toBe(true);
    expect(await h.store.readInstance(id)).toBeUndefined();
  });
});
