import type { RpcTypedData } from '../core/rpcTypes';
import type { Clock } from '../runtime/clock';
import type { BindingRef, OutputBindingHandler, TriggerData } from '../runtime/types';
import type { QueueWatcher } from '../triggers/queueWatcher';
import { hasRuntimeExpressions, resolveRuntimeExpressions } from './bindingExpressions';
import { encodeMessage, outputMessages, type MessageEncoding } from './queueMessages';
import type { StorageAccounts } from './storageAccounts';
import { assertQueueName } from './storageNames';
import type { ValidatingHandler } from './validation';

const SEND_CONCURRENCY = 16;

/**
 * `type: 'queue'` output (`output.storageQueue({ queueName, connection })`): a string, object or
 * buffer becomes one message, an array one message per item, encoded per
 * `extensions.queues.messageEncoding`. The queue is created if missing.
 */
export class QueueOutputHandler implements OutputBindingHandler, ValidatingHandler {
  readonly type = 'queue';

  constructor(
    private readonly accounts: StorageAccounts,
    private readonly encoding: MessageEncoding,
    private readonly clock: Clock,
    private readonly watcher: QueueWatcher,
  ) {}

  validate(ref: BindingRef): void {
    const where = describe(ref);
    const queueName = ref.binding['queueName'];
    if (typeof queueName !== 'string' || queueName === '') throw new Error(`${where}: "queueName" is required.`);
    if (!hasRuntimeExpressions(queueName)) assertQueueName(queueName, `${where} queueName`);
    this.accounts.connection(ref.binding['connection'] as string | undefined);
  }

  async write(ref: BindingRef, data: RpcTypedData, trigger: TriggerData): Promise<void> {
    const messages = outputMessages(data);
    if (messages.length === 0) return;
    const where = describe(ref);
    const queueName = resolveRuntimeExpressions(String(ref.binding['queueName']), {
      bindingData: trigger.bindingData, now: this.clock.now(), functionName: ref.fn.metadata.name,
    }, `${where} queueName`);
    assertQueueName(queueName, `${where} queueName`);
    const connection = ref.binding['connection'] as string | undefined;
    let queue = await this.accounts.queue(connection, queueName);
    const send = async (message: string | Buffer): Promise<void> => {
      try {
        await queue.sendMessage(encodeMessage(message, this.encoding));
      } catch (err) {
        if ((err as { statusCode?: number }).statusCode !== 404) throw err;
        // Deleted since we created it: create it again, once.
        this.accounts.forget(queue.url);
        queue = await this.accounts.queue(connection, queueName);
        await queue.sendMessage(encodeMessage(message, this.encoding));
      }
    };
    for (let at = 0; at < messages.length; at += SEND_CONCURRENCY) {
      await Promise.all(messages.slice(at, at + SEND_CONCURRENCY).map(send));
    }
    this.watcher.notify(queue.url);
  }
}

function describe(ref: BindingRef): string {
  return `Function "${ref.fn.metadata.name}", queue output binding "${ref.name}"`;
}
