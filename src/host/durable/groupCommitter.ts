import type { HistoryEvent } from './historyEvents';
import { TERMINAL_STATUSES } from './instanceState';
import type { InstanceRecord, TaskHubStore } from './taskHubStore';

export interface PendingCommit {
  events: HistoryEvent[];
  /** The row as of this episode, when it must be written. */
  record?: InstanceRecord;
  /** Inbox messages this episode consumed, deleted once it is stored. */
  consumed: string[];
}

/**
 * Writes one instance's episodes to storage in order. Episodes that queue up while an append is in
 * flight go out together in the next append (group commit), so an instance that runs ahead of its
 * storage pays one round trip for several episodes. After a failure nothing more is written: the
 * instance must be rebuilt from what storage holds.
 */
export class GroupCommitter {
  private readonly queue: PendingCommit[] = [];
  private flushing: Promise<void> | undefined;
  failure: Error | undefined;

  constructor(
    private readonly store: TaskHubStore,
    private readonly instanceId: string,
    private readonly executionId: string,
    private position: number,
    private readonly onFailure: (error: Error) => void,
    private readonly track: <T>(work: Promise<T>) => Promise<T>,
  ) {}

  /** Episodes decided but not yet stored. */
  get depth(): number {
    return this.queue.length + (this.flushing ? 1 : 0);
  }

  enqueue(commit: PendingCommit): void {
    this.queue.push(commit);
    this.kick();
  }

  /** Resolves once everything enqueued so far is stored; rejects if a write failed. */
  async drained(): Promise<void> {
    while (this.flushing && !this.failure) await this.flushing;
    if (this.failure) throw this.failure;
  }

  private kick(): void {
    if (this.flushing || this.failure || this.queue.length === 0) return;
    this.flushing = this.track(this.flush().finally(() => {
      this.flushing = undefined;
      this.kick();
    }));
  }

  private async flush(): Promise<void> {
    const batch = this.queue.splice(0);
    const events = batch.flatMap((c) => c.events);
    const record = batch.map((c) => c.record).filter((r): r is InstanceRecord => r !== undefined).pop();
    const consumed = batch.flatMap((c) => c.consumed);
    try {
      const append = this.store.appendHistory(this.instanceId, this.executionId, events, this.position);
      if (record && !TERMINAL_STATUSES.has(record.runtimeStatus)) {
        // A still-running row is true whatever happens to the append: write both at once.
        [this.position] = await Promise.all([append, this.store.putInstance(record)]);
      } else {
        // The row must never claim an end that the history does not hold: history first.
        this.position = await append;
        if (record) await this.store.putInstance(record);
      }
      if (consumed.length > 0) await this.store.deleteInbox(this.instanceId, consumed);
    } catch (err) {
      this.failure = err instanceof Error ? err : new Error(String(err));
      this.queue.length = 0;
      this.onFailure(this.failure);
    }
  }
}
