import type { QueueClient } from '@azure/storage-queue';

/**
 * Keeps a received message invisible while its function runs: every half lease the visibility is
 * extended again. Each update changes the pop receipt, so the final delete / release must use the
 * one `finish()` returns.
 */
export class MessageLease {
  private timer: NodeJS.Timeout | undefined;
  private renewing: Promise<void> = Promise.resolve();

  constructor(
    private readonly queue: QueueClient,
    private readonly messageId: string,
    private popReceipt: string,
    private readonly leaseSeconds: number,
    private readonly onRenew: (outcome: { error?: unknown }) => void,
  ) {}

  start(): void {
    const every = Math.max(500, (this.leaseSeconds * 1000) / 2);
    this.timer = setInterval(() => {
      this.renewing = this.renewing.then(() => this.renew());
    }, every);
  }

  /** Stops renewing and gives the current pop receipt. */
  async finish(): Promise<string> {
    clearInterval(this.timer);
    await this.renewing;
    return this.popReceipt;
  }

  private async renew(): Promise<void> {
    try {
      const updated = await this.queue.updateMessage(this.messageId, this.popReceipt, undefined, this.leaseSeconds);
      if (updated.popReceipt) this.popReceipt = updated.popReceipt;
      this.onRenew({});
    } catch (err) {
      this.onRenew({ error: err });
    }
  }
}
