import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DurableExtension } from '../../../src/host/durable/durableExtension';
import { FunctionsHost } from '../../../src/host/functionsHost';
import { VirtualClock } from '../../../src/host/runtime/clock';
import { MemoryLogger } from '../../../src/host/runtime/logger';
import { durableBasicApp, storageConnection } from './engineHarness';

let host: FunctionsHost;
const env: NodeJS.ProcessEnv = {};

beforeAll(async () => {
  env.AzureWebJobsStorage = storageConnection();
  env.DJ_HUB = `h${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  host = await FunctionsHost.start({
    appDir: durableBasicApp, port: 0, env, clock: new VirtualClock(), logger: new MemoryLogger(),
    extensions: [new DurableExtension({ hubName: env.DJ_HUB })],
  });
});
afterAll(async () => {
  await host?.stop();
});

// Bodies are asserted on with toMatchObject/toEqual, which is where their shape is checked.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function json(response: Response): Promise<any> {
  return response.json();
}

async function post(path: string, body?: unknown): Promise<Response> {
  return fetch(`${host.url}${path}`, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) });
}

describe('Durable Functions through the local host', () => {
  it('starts an orchestration from an HTTP starter and serves its status URL', async () => {
    const started = await post('/api/orchestrators/HelloSequence');
    expect(started.status).toBe(202);
    const payload = await json(started);
    expect(started.headers.get('location')).toBe(payload.statusQueryGetUri);
    expect(payload.statusQueryGetUri).toContain(host.url);
    await host.waitForIdle({ advanceTimers: true });
    const status = await fetch(payload.statusQueryGetUri);
    expect(status.status).toBe(200);
    expect(await json(status)).toMatchObject({
      name: 'HelloSequence', instanceId: payload.id, runtimeStatus: 'Completed',
      output: ['Hello, Tokyo!', 'Hello, Seattle!', 'Hello, London!'],
    });
  });

  it('waits for completion and answers with the output', async () => {
    const response = await post('/api/run/FanOut', 20);
    expect(response.status).toBe(200);
    expect(await json(response)).toBe(380);
  });

  it('raises events, suspends and resumes, reports history through the client', async () => {
    const id = `status-${randomUUID()}`;
    expect((await post(`/api/orchestrators/Status/${id}`)).status).toBe(202);
    await host.waitForIdle({ advanceTimers: true });
    expect((await post(`/api/ops/suspend/${id}`)).status).toBe(202);
    await host.waitForIdle();
    expect((await json(await fetch(`${host.url}/api/ops/status/${id}`))).runtimeStatus).toBe('Suspended');
    expect((await post(`/api/ops/raise/${id}`, { name: 'Go', data: { answer: 42 } })).status).toBe(202);
    expect((await post(`/api/ops/resume/${id}`)).status).toBe(202);
    await host.waitForIdle({ advanceTimers: true });
    const status = await json(await fetch(`${host.url}/api/ops/status/${id}`));
    expect(status).toMatchObject({ runtimeStatus: 'Completed', output: { answer: 42 }, customStatus: { stage: 'done' } });
    expect(status.history.map((e: { EventType: string }) => e.EventType)).toContain('EventRaised');
  });

  it('terminates, lists by status and purges through the client', async () => {
    const id = `term-${randomUUID()}`;
    await post(`/api/orchestrators/Status/${id}`);
    await host.waitForIdle({ advanceTimers: true });
    expect((await post(`/api/ops/terminate/${id}`, { reason: 'stop it' })).status).toBe(202);
    await host.waitForIdle();
    const terminated = await json(await post('/api/ops/by', { runtimeStatus: ['Terminated'] }));
    expect(terminated.map((s: { instanceId: string }) => s.instanceId)).toContain(id);
    const all = await json(await fetch(`${host.url}/api/ops/all`));
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(await json(await fetch(`${host.url}/api/ops/purge/${id}`, { method: 'DELETE' }))).toEqual({ instancesDeleted: 1 });
    const gone = await fetch(`${host.url}/runtime/webhooks/durabletask/instances/${id}`);
    expect(gone.status).toBe(404);
  });

  it('signals an entity and reads its state through the client', async () => {
    const key = randomUUID();
    expect((await post(`/api/ops/signal/${key}`, 7)).status).toBe(202);
    await host.waitForIdle();
    expect(await json(await fetch(`${host.url}/api/ops/entity/${key}`))).toEqual({ exists: true, state: 7 });
  });

  it('pages instance listings with a continuation token', async () => {
    const first = await fetch(`${host.url}/runtime/webhooks/durabletask/instances/?top=1`);
    expect(first.status).toBe(200);
    const token = first.headers.get('x-ms-continuation-token');
    expect(token).toBeTruthy();
    expect(await json(first)).toHaveLength(1);
    const second = await fetch(`${host.url}/runtime/webhooks/durabletask/instances/?top=1`, { headers: { 'x-ms-continuation-token': token! } });
    expect(await json(second)).toHaveLength(1);
  });

  it('answers unknown instances with 404 and bad filters with 400', async () => {
    expect((await fetch(`${host.url}/runtime/webhooks/durabletask/instances/nope-${randomUUID()}`)).status).toBe(404);
    const bad = await fetch(`${host.url}/runtime/webhooks/durabletask/instances/?runtimeStatus=Sleeping`);
    expect(bad.status).toBe(400);
    expect((await json(bad)).message).toContain('Sleeping');
  });
});
