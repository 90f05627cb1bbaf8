import type { ContainerClient } from '@azure/storage-blob';
import type { QueueClient } from '@azure/storage-queue';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobServiceClient, queueServiceClient } from '../../src/adapters/storage/connection';
import { FunctionUnavailableError } from '../../src/host/bindings/functionCatalog';
import { storageConnection, testName, useHosts } from './helpers';
import { events, probe, resetProbe } from './probe';

const decode = (text: string | undefined): string => Buffer.from(text ?? '', 'base64').toString('utf8');

describe('bindings, hooks and unsupported bindings', () => {
  const start = useHosts();
  const queues = queueServiceClient(storageConnection());
  const blobs = blobServiceClient(storageConnection());
  const cleanup: Array<QueueClient | ContainerClient> = [];
  let settings: Record<string, string>;

  beforeEach(() => {
    resetProbe();
    settings = { CONTAINER: testName(), ORDERS_QUEUE: testName(), DONE_QUEUE: testName(), FANOUT_QUEUE: testName() };
    cleanup.push(blobs.getContainerClient(settings.CONTAINER!), ...['ORDERS_QUEUE', 'DONE_QUEUE', 'FANOUT_QUEUE'].map((k) => queues.getQueueClient(settings[k]!)));
  });
  afterEach(async () => {
    await Promise.all(cleanup.splice(0).map((c) => c.deleteIfExists()));
  });

  it('writes a blob named from the queue message and a $return queue message, both created on demand', async () => {
    const orders = queues.getQueueClient(settings.ORDERS_QUEUE!);
    await orders.create();
    const { host } = await start('bindings', { settings });
    await orders.sendMessage(Buffer.from(JSON.stringify({ orderId: 'o-1', total: 5 })).toString('base64'));
    await host.waitForIdle();

    const blob = await blobs.getContainerClient(settings.CONTAINER!).getBlockBlobClient('orders/o-1.json').downloadToBuffer();
    expect(JSON.parse(blob.toString('utf8'))).toEqual({ orderId: 'o-1', total: 5 });
    const [done] = (await queues.getQueueClient(settings.DONE_QUEUE!).receiveMessages()).receivedMessageItems;
    expect(JSON.parse(decode(done?.messageText))).toEqual({ done: 'o-1' });
  });

  it('sends one base64 message per array item and writes bytes to a {rand-guid} blob', async () => {
    const { host } = await start('bindings', { settings });
    const response = await fetch(`${host.url}/api/fanOut`, { method: 'POST', body: JSON.stringify(['a', { b: 1 }, 3]) });
    expect(response.status).toBe(202);

    const received = (await queues.getQueueClient(settings.FANOUT_QUEUE!).receiveMessages({ numberOfMessages: 10 })).receivedMessageItems;
    expect(received.map((m) => decode(m.messageText)).sort()).toEqual(['3', 'a', '{"b":1}']);
    const names: string[] = [];
    for await (const item of blobs.getContainerClient(settings.CONTAINER!).listBlobsFlat({ prefix: 'random/' })) names.push(item.name);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^random\/[0-9a-f-]{36}\.bin$/);
    expect([...await blobs.getContainerClient(settings.CONTAINER!).getBlockBlobClient(names[0]!).downloadToBuffer()]).toEqual([1, 2, 3]);
  });

  it('creates an output queue again when it was deleted while the host runs', async () => {
    const { host } = await start('bindings', { settings });
    const fanOut = queues.getQueueClient(settings.FANOUT_QUEUE!);
    expect((await fetch(`${host.url}/api/fanOut`, { method: 'POST', body: '["first"]' })).status).toBe(202);
    await fanOut.delete();
    expect((await fetch(`${host.url}/api/fanOut`, { method: 'POST', body: '["second"]' })).status).toBe(202);
    expect((await fanOut.receiveMessages()).receivedMessageItems.map((m) => decode(m.messageText))).toEqual(['second']);
  });

  it('reads a blob input named by a route parameter, as bytes by default and as text with dataType string', async () => {
    const container = blobs.getContainerClient(settings.CONTAINER!);
    await container.create();
    await container.getBlockBlobClient('orders/o-9.json').upload('{"orderId":"o-9"}', 17);
    const { host } = await start('bindings', { settings });

    const found = await fetch(`${host.url}/api/orders/o-9`);
    // dataType "string" arrives as text, which the library parses when it is JSON (as on Azure).
    expect(await found.json()).toEqual({ isBuffer: true, text: '{"orderId":"o-9"}', asString: { orderId: 'o-9' } });
    const missing = await fetch(`${host.url}/api/orders/nope`);
    expect(missing.status).toBe(404);
  });

  it('runs appStart, preInvocation (which may wrap the handler), postInvocation and appTerminate hooks', async () => {
    const { host } = await start('bindings', { settings });
    expect(events('appStart')).toHaveLength(1);

    const response = await fetch(`${host.url}/api/hooked`);
    expect(await response.text()).toBe('wrapped: inner');
    expect(probe().events.map((e) => e.kind).slice(0, 2)).toEqual(['appStart', 'preInvocation']);
    expect(events('preInvocation')).toEqual([{ kind: 'preInvocation', functionName: 'hooked' }]);
    expect(events('postInvocation')).toEqual([{ kind: 'postInvocation', functionName: 'hooked', hookData: 'preInvocation', error: undefined }]);

    await host.stop();
    expect(events('appTerminate')).toHaveLength(1);
  });

  it('reports unsupported bindings and unset settings at load, fails only those functions, and serves the rest', async () => {
    const { host, logger } = await start('bindings', { settings });

    const unavailable = Object.fromEntries(host.unavailableFunctions.map((f) => [f.name, f.problems.join(' ')]));
    expect(Object.keys(unavailable).sort()).toEqual(['badQueueName', 'badRoute', 'badSchedule', 'fromServiceBus', 'missingSetting', 'toEventHub', 'unknownConnection']);
    expect(unavailable['fromServiceBus']).toMatch(/Trigger type "serviceBusTrigger" is not supported here \(supported: httpTrigger, queueTrigger, timerTrigger\)/);
    expect(unavailable['toEventHub']).toMatch(/Binding "\S+" \(type "eventHub", direction "out"\) is not supported here \(supported output types: blob, queue\)/);
    expect(unavailable['missingSetting']).toMatch(/%NOT_CONFIGURED_QUEUE%, which is not set/);
    expect(unavailable['unknownConnection']).toMatch(/Connection setting "MissingStorage" is not defined/);
    expect(unavailable['badQueueName']).toMatch(/"Bad_Queue" is not a valid queue name; use 3-63 lowercase letters/);
    expect(unavailable['badSchedule']).toMatch(/"every day at noon" is neither an NCRONTAB expression .* nor a TimeSpan/);
    expect(unavailable['badRoute']).toMatch(/route "reports\/\{year:number\}", parameter "year": unknown route constraint "number"/);
    expect(logger.messages('error').filter((m) => m.includes('is disabled on this host'))).toHaveLength(7);

    const refused = await fetch(`${host.url}/api/toEventHub`);
    expect(refused.status).toBe(500);
    expect(await refused.json()).toMatchObject({ error: 'FunctionUnavailable', message: expect.stringContaining('"eventHub"') });
    await expect(host.invoke('fromServiceBus', { data: { string: 'x' } })).rejects.toBeInstanceOf(FunctionUnavailableError);

    expect(await (await fetch(`${host.url}/api/hooked`)).text()).toBe('wrapped: inner');
  });
});
