import type { QueueClient, ReceivedMessageItem } from '@azure/storage-queue';
import type { StorageAccounts } from '../bindings/storageAccounts';

/** Where the host records why a message was poisoned, next to the host's other state. */
export const POISON_REASONS_CONTAINER = 'azure-webjobs-hosts';

export interface PoisonRecord {
  queue: string;
  poisonQueue: string;
  originalMessageId: string;
  poisonMessageId: string;
  dequeueCount: number;
  reason: string;
  at: string;
}

/**
 * Moves a message to `<queue>-poison` with its original content (still encoded, byte for byte),
 * then deletes it from its queue. The message body stays untouched, so the reason is kept beside
 * it: a JSON blob `azure-webjobs-hosts/poison/<poison-queue>/<poison-message-id>.json`.
 */
export class PoisonQueue {
  constructor(
    private readonly accounts: StorageAccounts,
    private readonly connection: string | undefined,
    private readonly queue: QueueClient,
  ) {}

  get name(): string {
    return `${this.queue.name}-poison`;
  }

  /** Returns the record; writing the reason blob is best effort and reported through `onRecordError`. */
  async move(message: ReceivedMessageItem, popReceipt: string, reason: string, now: number, onRecordError: (err: unknown) => void): Promise<PoisonRecord> {
    const poison = await this.accounts.queue(this.connection, this.name);
    const sent = await poison.sendMessage(message.messageText);
    await this.queue.deleteMessage(message.messageId, popReceipt);
    const record: PoisonRecord = {
      queue: this.queue.name,
      poisonQueue: this.name,
      originalMessageId: message.messageId,
      poisonMessageId: sent.messageId,
      dequeueCount: message.dequeueCount,
      reason,
      at: new Date(now).toISOString(),
    };
    try {
      const container = await this.accounts.container(this.connection, POISON_REASONS_CONTAINER);
      const text = JSON.stringify(record, null, 2);
      await container.getBlockBlobClient(poisonRecordPath(this.name, sent.messageId)).upload(text, Buffer.byteLength(text), {
        blobHTTPHeaders: { blobContentType: 'application/json' },
      });
    } catch (err) {
      onRecordError(err);
    }
    return record;
  }
}

export function poisonRecordPath(poisonQueue: string, poisonMessageId: string): string {
  return `poison/${poisonQueue}/${poisonMessageId}.json`;
}
