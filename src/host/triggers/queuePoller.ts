import type { QueueClient, ReceivedMessageItem } from '@azure/storage-queue';
import { describeError, redact } from '../bindings/logText';
import { PollingBackoff, WakeableDelay } from './backoff';
import { handleMessage, type MessageHandlerDeps } from './queueMessageHandler';

const MIN_POLLING_INTERVAL_MS = 100;
const ERROR_LOG_INTERVAL_MS = 60_000;

/**
 * The polling loop of one queue-triggered function. Fetches up to `batchSize` messages, runs them
 * concurrently, and fetches again once in-flight messages fall to `newBatchThreshold`; empty polls
 * back off exponentially up to `maxPollingInterval`. Delays are real time (the queue's own clock),
 * not the host clock.
 *
 * `nudge()` asks for an immediate sweep (poll until the queue comes back empty); `busy` stays true
 * until that sweep and every message in flight are done — which is what `waitForIdle` waits for.
 */
export class QueuePoller {
  private readonly abort = new AbortController();
  private readonly delay = new WakeableDelay();
  private readonly backoff: PollingBackoff;
  private readonly inFlight = new Set<Promise<unknown>>();
  private inFlightChanged: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private polling = false;
  private nudges = 0;
  private sweptNudges = 0;
  private lastErrorLog = { message: '', at: 0 };

  constructor(private readonly deps: MessageHandlerDeps & { queue: QueueClient }) {
    this.backoff = new PollingBackoff(MIN_POLLING_INTERVAL_MS, Math.max(MIN_POLLING_INTERVAL_MS, deps.options.maxPollingIntervalMs));
  }

  get busy(): boolean {
    return this.polling || this.inFlight.size > 0 || this.sweptNudges < this.nudges;
  }

  start(): void {
    this.loop ??= this.run();
  }

  nudge(): void {
    if (this.abort.signal.aborted) return;
    this.nudges++;
    this.backoff.reset();
    this.delay.wake();
  }

  /** Stops polling and waits for the messages in flight to finish. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    this.sweptNudges = this.nudges;
  }

  private async run(): Promise<void> {
    const { options } = this.deps;
    while (!this.abort.signal.aborted) {
      if (this.inFlight.size > options.newBatchThreshold) {
        await new Promise<void>((resolve) => { this.inFlightChanged = resolve; });
        continue;
      }
      const nudgesBefore = this.nudges;
      const messages = await this.receive(Math.min(32, options.batchSize));
      if (this.abort.signal.aborted) return;
      if (messages.length > 0) {
        this.backoff.reset();
        messages.forEach((message) => this.dispatch(message));
        continue;
      }
      this.sweptNudges = Math.max(this.sweptNudges, nudgesBefore);
      if (this.sweptNudges < this.nudges) continue;
      await this.delay.wait(this.backoff.next(), this.abort.signal);
    }
  }

  private async receive(count: number): Promise<ReceivedMessageItem[]> {
    this.polling = true;
    try {
      const response = await this.deps.queue.receiveMessages({ numberOfMessages: count, visibilityTimeout: this.deps.leaseSeconds });
      return response.receivedMessageItems;
    } catch (err) {
      this.logPollError(err);
      if ((err as { statusCode?: number }).statusCode === 404) await this.deps.queue.createIfNotExists().catch(() => undefined);
      return [];
    } finally {
      this.polling = false;
    }
  }

  private dispatch(message: ReceivedMessageItem): void {
    const work = handleMessage(this.deps, message).then((outcome) => {
      if (outcome === 'released' && this.deps.options.visibilityTimeoutMs === 0) this.nudge();
    });
    this.inFlight.add(work);
    void work.finally(() => {
      this.inFlight.delete(work);
      this.inFlightChanged?.();
      this.inFlightChanged = undefined;
    });
  }

  private logPollError(err: unknown): void {
    const message = redact(describeError(err));
    const now = Date.now();
    if (message === this.lastErrorLog.message && now - this.lastErrorLog.at < ERROR_LOG_INTERVAL_MS) return;
    this.lastErrorLog = { message, at: now };
    this.deps.logger.log('warn', `Function "${this.deps.fn.metadata.name}": polling queue "${this.deps.queue.name}" failed (will retry): ${message}`);
  }
}
