import { afterEach, describe, expect, inject, it } from 'vitest';
import type { QueueClient } from '@azure/storage-queue';
import { queueServiceClient } from '../../src/adapters/storage/connection';
import { eventually, testName } from './helpers';

describe('queues on the test Azurite', () => {
  const service = queueServiceClient(inject('storageConnectionString'));
  let queue: QueueClient | undefined;

  afterEach(async () => {
    await queue?.deleteIfExists();
  });

  async function newQueue(): Promise<QueueClient> {
    queue = service.getQueueClient(testName());
    await queue.create();
    return queue;
  }

  it('hides a received message for its visibility timeout, then redelivers it with a higher dequeueCount', async () => {
    const q = await newQueue();
    await q.sendMessage('hello');

    const first = (await q.receiveMessages({ numberOfMessages: 1, visibilityTimeout: 1 })).receivedMessageItems;
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ messageText: 'hello', dequeueCount: 1 });
    expect((await q.receiveMessages()).receivedMessageItems).toHaveLength(0);

    const again = await eventually('the message is visible again', async () => {
      const items = (await q.receiveMessages({ visibilityTimeout: 30 })).receivedMessageItems;
      return items[0];
    });
    expect(again).toMatchObject({ messageId: first[0]?.messageId, messageText: 'hello', dequeueCount: 2 });

    await q.deleteMessage(again.messageId, again.popReceipt);
    expect((await q.peekMessages()).peekedMessageItems).toHaveLength(0);
  });

  it('refuses to delete a message with the pop receipt of an earlier delivery', async () => {
    const q = await newQueue();
    await q.sendMessage('once');
    const [stale] = (await q.receiveMessages({ visibilityTimeout: 1 })).receivedMessageItems;
    const fresh = await eventually('the message is redelivered', async () => (await q.receiveMessages()).receivedMessageItems[0]);

    await expect(q.deleteMessage(stale!.messageId, stale!.popReceipt)).rejects.toMatchObject({ statusCode: 400 });
    await q.deleteMessage(fresh.messageId, fresh.popReceipt);
  });

  it('peeks without dequeuing and rejects messages over 64 KiB with 413', async () => {
    const q = await newQueue();
    await q.sendMessage('peek me');
    expect((await q.peekMessages()).peekedMessageItems[0]).toMatchObject({ messageText: 'peek me', dequeueCount: 0 });
    await expect(q.sendMessage('x'.repeat(64 * 1024 + 1))).rejects.toMatchObject({ statusCode: 413 });
  });
});
