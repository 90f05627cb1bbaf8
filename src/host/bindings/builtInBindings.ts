import type { HostJson } from '../core/appConfig';
import type { Clock } from '../runtime/clock';
import type { InputBindingProvider, OutputBindingHandler } from '../runtime/types';
import type { QueueWatcher } from '../triggers/queueWatcher';
import { BlobInputProvider, BlobOutputHandler } from './blobBindings';
import { messageEncoding } from './queueMessages';
import { QueueOutputHandler } from './queueOutput';
import type { StorageAccounts } from './storageAccounts';

export interface BuiltInBindings {
  inputs: InputBindingProvider[];
  outputs: OutputBindingHandler[];
}

/** The storage bindings the host itself provides: blob input, queue and blob output. */
export function builtInBindings(accounts: StorageAccounts, hostJson: HostJson, clock: Clock, watcher: QueueWatcher): BuiltInBindings {
  return {
    inputs: [new BlobInputProvider(accounts, clock)],
    outputs: [new QueueOutputHandler(accounts, messageEncoding(hostJson), clock, watcher), new BlobOutputHandler(accounts, clock)],
  };
}
