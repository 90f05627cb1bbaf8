import type { QueueClient, ReceivedMessageItem } from '@azure/storage-queue';
import type { RegisteredFunction } from '../core/coreShim';
import type { Clock } from '../runtime/clock';
import type { HostLogger } from '../runtime/logger';
import type { InvokeFunction } from '../runtime/types';
import { decodeMessage, MessageDecodingError } from '../bindings/queueMessages';
import { describeError, redact } from '../bindings/logText';
import { MessageLease } from './messageLease';
import type { PoisonQueue } from './poisonQueue';
import type { QueueOptions } from './queueOptions';
import { queueTriggerData } from './queueTriggerData';

export interface MessageHandlerDeps {
  fn: RegisteredFunction;
  queue: QueueClient;
  poison: PoisonQueue;
  options: QueueOptions;
  leaseSeconds: number;
  invoke: InvokeFunction;
  clock: Clock;
  logger: HostLogger;
}

export type MessageOutcome = 'deleted' | 'released' | 'poisoned';

/**
 * Processes one received message the way the Functions queue listener does: invoke; on success
 * delete; on failure make it visible again after `visibilityTimeout`, or — at `maxDequeueCount`
 * deliveries — move it to the poison queue. Never throws: storage errors are logged and the message
 * simply reappears when its lease ends.
 */
export async function handleMessage(deps: MessageHandlerDeps, message: ReceivedMessageItem): Promise<MessageOutcome | 'lost'> {
  const { fn, queue, options, logger } = deps;
  const where = `queue "${queue.name}", message ${message.messageId} (delivery ${message.dequeueCount} of ${options.maxDequeueCount})`;
  const lease = new MessageLease(queue, message.messageId, message.popReceipt, deps.leaseSeconds, ({ error }) => {
    if (error === undefined) logger.log('debug', `Function "${fn.metadata.name}" still runs: renewed the visibility of ${where}.`);
    else logger.log('warn', `Function "${fn.metadata.name}": renewing the visibility of ${where} failed: ${redact(describeError(error))}`);
  });
  try {
    if (message.dequeueCount > options.maxDequeueCount) {
      return await poison(deps, message, await lease.finish(), `it was delivered ${message.dequeueCount} times without completing (maxDequeueCount ${options.maxDequeueCount})`);
    }
    let text: string;
    try {
      text = decodeMessage(message.messageText, options.encoding);
    } catch (err) {
      if (!(err instanceof MessageDecodingError)) throw err;
      return await poison(deps, message, await lease.finish(), err.message);
    }
    lease.start();
    let failure: unknown;
    try {
      await deps.invoke(fn, queueTriggerData(message, text, fn.metadata.name, deps.clock.now()));
    } catch (err) {
      failure = err;
    }
    const popReceipt = await lease.finish();
    if (failure === undefined) {
      await queue.deleteMessage(message.messageId, popReceipt);
      return 'deleted';
    }
    if (message.dequeueCount >= options.maxDequeueCount) return await poison(deps, message, popReceipt, describeError(failure));
    await queue.updateMessage(message.messageId, popReceipt, undefined, Math.ceil(options.visibilityTimeoutMs / 1000));
    logger.log('warn', `Function "${fn.metadata.name}" failed on ${where}; it will be retried${options.visibilityTimeoutMs > 0 ? ` in ${options.visibilityTimeoutMs} ms` : ''}.`);
    return 'released';
  } catch (err) {
    await lease.finish();
    logger.log('error', `Function "${fn.metadata.name}": handling ${where} failed in the host; the message reappears when its visibility ends: ${redact(describeError(err))}`);
    return 'lost';
  }
}

async function poison(deps: MessageHandlerDeps, message: ReceivedMessageItem, popReceipt: string, reason: string): Promise<MessageOutcome> {
  const record = await deps.poison.move(message, popReceipt, reason, deps.clock.now(), (err) => {
    deps.logger.log('warn', `Could not record why message ${message.messageId} was poisoned: ${redact(describeError(err))}`);
  });
  deps.logger.log('error', `Function "${deps.fn.metadata.name}": message ${message.messageId} of queue "${deps.queue.name}" moved to "${record.poisonQueue}" (as ${record.poisonMessageId}) after ${message.dequeueCount} deliveries: ${redact(reason)}`, {
    function: deps.fn.metadata.name, queue: deps.queue.name, poisonQueue: record.poisonQueue, poisonMessageId: record.poisonMessageId,
  });
  return 'poisoned';
}
