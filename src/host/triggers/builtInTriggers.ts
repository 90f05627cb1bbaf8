import type { RegisteredFunction } from '../core/coreShim';
import type { HostServices } from '../runtime/types';
import type { StorageAccounts } from '../bindings/storageAccounts';
import { QueueTriggerListener } from './queueTrigger';
import type { QueueWatcher } from './queueWatcher';
import { TimerTriggerListener } from './timerTrigger';

export interface BuiltInTriggerDeps {
  services: HostServices;
  accounts: StorageAccounts;
  watcher: QueueWatcher;
  hostId: string;
  leaseSeconds: number | undefined;
  onFunctionError(fn: RegisteredFunction, problem: string): void;
}

/** The trigger listeners the host itself provides; HTTP triggers are served by the HTTP server. */
export function builtInTriggers(deps: BuiltInTriggerDeps): { queue: QueueTriggerListener; timer: TimerTriggerListener } {
  const { services, accounts, watcher, hostId, leaseSeconds, onFunctionError } = deps;
  return {
    queue: new QueueTriggerListener({ services, accounts, watcher, onFunctionError, ...(leaseSeconds !== undefined && { leaseSeconds }) }),
    timer: new TimerTriggerListener({ services, accounts, hostId, onFunctionError }),
  };
}
