import { createCosmosClient, type CosmosConnection } from '../../adapters/cosmos/client';
import {
  blobServiceClient,
  queueServiceClient,
  tableServiceClient,
  type StorageConnection,
} from '../../adapters/storage/connection';

export type StorageService = 'blob' | 'queue' | 'table';
export const STORAGE_SERVICES: readonly StorageService[] = ['blob', 'queue', 'table'];

const PROBE_TIMEOUT_MS = 2000;

/**
 * One real SDK call (Get Service Properties) against one storage service, authenticated with the
 * connection's key, no retries. Resolves only if the service answered as Azure Storage would.
 */
export async function probeStorageService(
  conn: StorageConnection,
  service: StorageService,
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<void> {
  await withDeadline(timeoutMs, async (abortSignal) => {
    switch (service) {
      case 'blob':
        await blobServiceClient(conn, { retryOptions: { maxTries: 1 } }).getProperties({ abortSignal });
        return;
      case 'queue':
        await queueServiceClient(conn, { retryOptions: { maxTries: 1 } }).getProperties({ abortSignal });
        return;
      case 'table':
        await tableServiceClient(conn, { retryOptions: { maxRetries: 0 } }).getProperties({ abortSignal });
        return;
    }
  });
}

export async function probeStorage(conn: StorageConnection, timeoutMs = PROBE_TIMEOUT_MS): Promise<void> {
  await Promise.all(STORAGE_SERVICES.map((service) => probeStorageService(conn, service, timeoutMs)));
}

/** One real SDK call (read the database account), no retries. */
export async function probeCosmos(conn: CosmosConnection, timeoutMs = PROBE_TIMEOUT_MS): Promise<void> {
  const client = createCosmosClient(conn, {
    connectionPolicy: { retryOptions: { maxRetryAttemptCount: 0, fixedRetryIntervalInMilliseconds: 0, maxWaitTimeInSeconds: 0 } },
  });
  try {
    await withDeadline(timeoutMs, (abortSignal) => client.getDatabaseAccount({ abortSignal }));
  } finally {
    client.dispose();
  }
}

/** Runs `call` with an abort signal that fires after `timeoutMs`, reported as "no answer within …". */
async function withDeadline(timeoutMs: number, call: (signal: AbortSignal) => Promise<unknown>): Promise<void> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    await call(signal);
  } catch (err) {
    if (signal.aborted) throw new Error(`no answer within ${timeoutMs} ms`, { cause: err });
    throw err;
  }
}
