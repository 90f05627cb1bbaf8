import type { QueueClient } from '@azure/storage-queue';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobServiceClient, queueServiceClient } from '../../src/adapters/storage/connection';
import { eventually, storageConnection, testName, useHosts } from './helpers';
import { events, gate, probe, resetProbe } from './probe';

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

describe('storage queue trigger', () => {
  const start = useHosts();
  const service = queueServiceClient(storageConnection());
  const created: QueueClient[] = [];
  let settings: Record<string, string>;

  beforeEach(() => {
    resetProbe();
    settings = { RECORD_QUEUE: testName(), FLAKY_QUEUE: testName(), SLOW_QUEUE: testName() };
  });
  afterEach(async () => {
    await Promise.all(created.splice(0).map((q) => q.deleteIfExists()));
  });

  async function queue(name: string): Promise<QueueClient> {
    const client = service.getQueueClient(name);
    await client.createIfNotExists();
    created.push(client);
    return client;
  }

  it('delivers a JSON message with the trigger metadata Azure gives, then deletes it', async () => {
    const q = await queue(settings.RECORD_QUEUE!);
    const { host } = await start('queue-basic', { settings });
    const sent = await q.sendMessage(base64(JSON.stringify({ orderId: 7, note: 'hi' })));
    await host.waitForIdle();

    const [event] = events('record');
    expect(event?.message).toEqual({ orderId: 7, note: 'hi' });
    expect(event?.metadata).toMatchObject({
      dequeueCount: 1,
      id: sent.messageId,
      // The message text; the library JSON-parses string metadata, as on Azure.
      queueTrigger: { orderId: 7, note: 'hi' },
      orderId: 7,
      insertionTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      expirationTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      nextVisibleTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      popReceipt: expect.any(String),
      sys: { methodName: 'record', utcNow: expect.any(String), randGuid: expect.any(String) },
    });
    expect((await q.peekMessages()).peekedMessageItems).toHaveLength(0);
  });

  it('hands a message that is not JSON to the function as a string', async () => {
    const q = await queue(settings.RECORD_QUEUE!);
    const { host } = await start('queue-basic', { settings });
    await q.sendMessage(base64('plain words'));
    await host.waitForIdle();
    expect(events('record').map((e) => e.message)).toEqual(['plain words']);
  });

  it('retries a failed message at once (visibilityTimeout 0) and deletes it when a later delivery succeeds', async () => {
    const q = await queue(settings.FLAKY_QUEUE!);
    const { host } = await start('queue-basic', { settings });
    await q.sendMessage(base64(JSON.stringify({ failUntil: 1 })));
    await host.waitForIdle();

    expect(events('flaky').map((e) => e.dequeueCount)).toEqual([1, 2]);
    expect((await q.peekMessages()).peekedMessageItems).toHaveLength(0);
    expect(await service.getQueueClient(`${settings.FLAKY_QUEUE}-poison`).exists()).toBe(false);
  });

  it('moves a message to <queue>-poison after maxDequeueCount failures, with its original content and the reason kept', async () => {
    const q = await queue(settings.FLAKY_QUEUE!);
    const poison = service.getQueueClient(`${settings.FLAKY_QUEUE}-poison`);
    created.push(poison);
    const { host, logger } = await start('queue-basic', { settings });
    const original = base64(JSON.stringify({ job: 'never works' }));
    const sent = await q.sendMessage(original);
    await host.waitForIdle();

    expect(events('flaky').map((e) => e.dequeueCount)).toEqual([1, 2, 3]);
    expect((await q.peekMessages()).peekedMessageItems).toHaveLength(0);
    const [poisoned] = (await poison.receiveMessages()).receivedMessageItems;
    expect(poisoned?.messageText).toBe(original);

    const error = logger.lines.find((l) => l.level === 'error' && l.message.includes(`moved to "${settings.FLAKY_QUEUE}-poison"`));
    expect(error?.message).toContain('flaky failure on delivery 3');
    const record = await blobServiceClient(storageConnection()).getContainerClient('azure-webjobs-hosts')
      .getBlockBlobClient(`poison/${settings.FLAKY_QUEUE}-poison/${poisoned?.messageId}.json`).downloadToBuffer();
    expect(JSON.parse(record.toString('utf8'))).toMatchObject({
      queue: settings.FLAKY_QUEUE, originalMessageId: sent.messageId, dequeueCount: 3, reason: 'flaky failure on delivery 3',
    });
  });

  it('moves a message that is not valid base64 to the poison queue without invoking, and keeps running', async () => {
    const q = await queue(settings.RECORD_QUEUE!);
    const poison = service.getQueueClient(`${settings.RECORD_QUEUE}-poison`);
    created.push(poison);
    const { host, logger } = await start('queue-basic', { settings });
    await q.sendMessage('this is not base64!');
    await q.sendMessage(base64('fine'));
    await host.waitForIdle();

    expect(events('record').map((e) => e.message)).toEqual(['fine']);
    expect((await poison.peekMessages()).peekedMessageItems[0]?.messageText).toBe('this is not base64!');
    expect(logger.messages('error').some((m) => m.includes('not valid base64'))).toBe(true);
  });

  it('runs a batch concurrently and fetches more only once in-flight messages fall to newBatchThreshold', async () => {
    const q = await queue(settings.SLOW_QUEUE!);
    for (let i = 0; i < 10; i++) await q.sendMessage(base64(String(i)));
    const open = gate('slow');
    const { host } = await start('queue-basic', { settings });

    await eventually('a first batch of 4 runs at once', async () => (probe().active === 4 ? true : undefined));
    // batchSize 4, newBatchThreshold 2: with all 4 still running, nothing more is fetched.
    expect((await q.peekMessages({ numberOfMessages: 32 })).peekedMessageItems).toHaveLength(6);
    open();
    await host.waitForIdle();

    expect(events('slow-end')).toHaveLength(10);
    expect(probe().maxActive).toBeLessThanOrEqual(4 + 2);
    expect((await q.peekMessages()).peekedMessageItems).toHaveLength(0);
  });

  it('keeps a long-running message invisible by renewing its visibility, then deletes it', async () => {
    const q = await queue(settings.SLOW_QUEUE!);
    const open = gate('slow');
    const { host, logger } = await start('queue-basic', { settings, queueMessageLeaseSeconds: 1 });
    await q.sendMessage(base64('long job'));
    await eventually('the visibility was renewed three times', async () =>
      (logger.messages('debug').filter((m) => m.includes('renewed the visibility')).length >= 3 ? true : undefined), { timeoutMs: 10_000 });

    expect((await q.peekMessages()).peekedMessageItems).toHaveLength(0);
    expect(events('slow-start')).toHaveLength(1);
    open();
    await host.waitForIdle();
    expect(events('slow-end')).toHaveLength(1);
    expect((await q.getProperties()).approximateMessagesCount).toBe(0);
  });

  it('runs a queue function by hand through the admin API with the given input', async () => {
    const { host } = await start('queue-basic', { settings });
    const response = await fetch(`${host.url}/admin/functions/record`, { method: 'POST', body: JSON.stringify({ input: '{"manual":true}' }) });
    expect(response.status).toBe(202);
    await host.waitForIdle();
    expect(events('record').map((e) => e.message)).toEqual([{ manual: true }]);
  });

  it('reads and writes raw messages when messageEncoding is "none"', async () => {
    const plainSettings = { PLAIN_QUEUE: testName(), PLAIN_OUT_QUEUE: testName() };
    const input = await queue(plainSettings.PLAIN_QUEUE);
    const out = await queue(plainSettings.PLAIN_OUT_QUEUE);
    const { host } = await start('queue-plain', { settings: plainSettings });
    await input.sendMessage('raw text, no base64');
    await host.waitForIdle();

    expect(events('plain').map((e) => e.message)).toEqual(['raw text, no base64']);
    expect((await out.peekMessages()).peekedMessageItems[0]?.messageText).toBe('forwarded: raw text, no base64');
  });
});
