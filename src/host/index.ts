import { DurableExtension } from './durable/durableExtension';
import { FunctionsHost, type FunctionsHostOptions } from './functionsHost';
import type { HostExtension } from './runtime/types';

export { FunctionsHost, type FunctionsHostOptions } from './functionsHost';
export { DurableExtension } from './durable/durableExtension';
export { VirtualClock, systemClock, type Clock } from './runtime/clock';
export { consoleLogger, MemoryLogger, type HostLogger } from './runtime/logger';

/** The extensions every app gets: Durable Functions (its bindings are ignored by apps without it). */
export function defaultExtensions(): HostExtension[] {
  return [new DurableExtension()];
}

/** Starts an app with the default extensions, as `durable-jobs host` and `npm start` do. */
export function startHost(options: FunctionsHostOptions): Promise<FunctionsHost> {
  return FunctionsHost.start({ ...options, extensions: options.extensions ?? defaultExtensions() });
}
