import type { RegisteredFunction } from '../core/coreShim';
import type { HostServices, TriggerListener } from '../runtime/types';
import { triggerOf } from '../runtime/types';
import type { StorageAccounts } from '../bindings/storageAccounts';
import { assertQueueName } from '../bindings/storageNames';
import { describeError } from '../bindings/logText';
import { PoisonQueue } from './poisonQueue';
import { queueOptions, type QueueOptions } from './queueOptions';
import { QueuePoller } from './queuePoller';
import type { QueueWatcher } from './queueWatcher';

/** How long a received message stays invisible before its lease is renewed (Azure: 10 minutes). */
export const DEFAULT_MESSAGE_LEASE_SECONDS = 600;

export interface QueueTriggerDeps {
  services: HostServices;
  accounts: StorageAccounts;
  watcher: QueueWatcher;
  /** Reports a function that cannot listen (bad queue name, missing connection); it is then unavailable. */
  onFunctionError(fn: RegisteredFunction, problem: string): void;
  leaseSeconds?: number;
}

/**
 * Storage queue triggers (`app.storageQueue`): one poller per function, on the queue named by
 * `queueName` in the account of its `connection` (created if missing), tuned by host.json
 * `extensions.queues`.
 */
export class QueueTriggerListener implements TriggerListener {
  readonly triggerTypes = ['queueTrigger'] as const;
  private readonly pollers: QueuePoller[] = [];
  private readonly unsubscribes: Array<() => void> = [];
  private readonly options: QueueOptions;

  constructor(private readonly deps: QueueTriggerDeps) {
    this.options = queueOptions(deps.services.hostJson, deps.services.env);
  }

  async start(functions: RegisteredFunction[]): Promise<void> {
    await Promise.all(functions.map(async (fn) => {
      try {
        this.pollers.push(await this.startPoller(fn));
      } catch (err) {
        this.deps.onFunctionError(fn, describeError(err));
      }
    }));
  }

  isBusy(): boolean {
    return this.pollers.some((p) => p.busy);
  }

  /** Every poller sweeps its queue now (used by waitForIdle). */
  pollNow(): void {
    this.pollers.forEach((p) => p.nudge());
  }

  async stop(): Promise<void> {
    this.unsubscribes.splice(0).forEach((unsubscribe) => unsubscribe());
    await Promise.all(this.pollers.splice(0).map((p) => p.stop()));
  }

  private async startPoller(fn: RegisteredFunction): Promise<QueuePoller> {
    const { binding } = triggerOf(fn);
    const where = `Function "${fn.metadata.name}", queue trigger`;
    const queueName = binding['queueName'];
    if (typeof queueName !== 'string' || queueName === '') throw new Error(`${where}: "queueName" is required.`);
    assertQueueName(queueName, `${where} queueName`);
    const connection = binding['connection'] as string | undefined;
    const { services, accounts } = this.deps;
    let queue;
    try {
      queue = await accounts.queue(connection, queueName);
    } catch (err) {
      throw new Error(`${where}: cannot reach or create queue "${queueName}": ${describeError(err)}`, { cause: err });
    }
    const poller = new QueuePoller({
      fn, queue, poison: new PoisonQueue(accounts, connection, queue), options: this.options,
      leaseSeconds: this.deps.leaseSeconds ?? DEFAULT_MESSAGE_LEASE_SECONDS,
      invoke: services.invoke, clock: services.clock, logger: services.logger,
    });
    this.unsubscribes.push(this.deps.watcher.subscribe(queue.url, () => poller.nudge()));
    poller.start();
    services.logger.log('info', `Function "${fn.metadata.name}" listens on queue "${queueName}" (batch ${this.options.batchSize}, max ${this.options.maxDequeueCount} deliveries, ${this.options.encoding} messages).`);
    return poller;
  }
}
