import type { HostJson } from '../core/appConfig';
import { messageEncoding, type MessageEncoding } from '../bindings/queueMessages';
import { timeSpanSetting } from '../runtime/timeSpan';

/** host.json `extensions.queues`, with Azure's defaults. */
export interface QueueOptions {
  /** Messages fetched per poll (1–32, default 16). */
  batchSize: number;
  /** A new batch is fetched when in-flight messages fall to this (default batchSize / 2). */
  newBatchThreshold: number;
  /**
   * Upper bound of the back-off between empty polls, at least 100 ms. Default 2 s in development
   * (as Core Tools: AZURE_FUNCTIONS_ENVIRONMENT unset or "Development"), 1 minute otherwise.
   */
  maxPollingIntervalMs: number;
  /** How long a failed message stays invisible before its retry (default 0). */
  visibilityTimeoutMs: number;
  /** Deliveries before a failing message moves to `<queue>-poison` (default 5). */
  maxDequeueCount: number;
  encoding: MessageEncoding;
}

const WHERE = 'host.json extensions.queues';

export function queueOptions(hostJson: HostJson, env: NodeJS.ProcessEnv): QueueOptions {
  const q = hostJson.extensions?.queues ?? {};
  const batchSize = integer(q.batchSize, 'batchSize', 16, 1, 32);
  const environment = env['AZURE_FUNCTIONS_ENVIRONMENT'] ?? 'Development';
  const defaultMaxPolling = environment.toLowerCase() === 'development' ? 2_000 : 60_000;
  return {
    batchSize,
    newBatchThreshold: integer(q.newBatchThreshold, 'newBatchThreshold', Math.floor(batchSize / 2), 0, 1000),
    maxPollingIntervalMs: timeSpanSetting(q.maxPollingInterval, `${WHERE}.maxPollingInterval`, defaultMaxPolling, 100),
    visibilityTimeoutMs: timeSpanSetting(q.visibilityTimeout, `${WHERE}.visibilityTimeout`, 0),
    maxDequeueCount: integer(q.maxDequeueCount, 'maxDequeueCount', 5, 1, 1000),
    encoding: messageEncoding(hostJson),
  };
}

function integer(value: unknown, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${WHERE}.${name}: expected an integer from ${min} to ${max}, got ${JSON.stringify(value)}.`);
  }
  return value;
}
