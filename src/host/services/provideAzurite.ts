import { join } from 'node:path';
import {
  DEV_STORE_ACCOUNT,
  DEV_STORE_KEY,
  parseStorageConnectionString,
  type StorageConnection,
} from '../../adapters/storage/connection';
import { startAzurite } from './azurite';
import { PortInUseError, ServiceStartError } from './errors';
import { isListening, LOCAL_HOST } from './ports';
import { probeStorageService, STORAGE_SERVICES, type StorageService } from './probes';
import { notStarted, urlPort, type ProvidedService } from './provided';
import { errorText } from './readiness';

export const STORAGE_SETTING = 'AzureWebJobsStorage';

/**
 * Makes sure the storage that `AzureWebJobsStorage` names is available: nothing to do when it is
 * not on this machine; reuse a healthy Azurite already on its ports; otherwise start one on them.
 */
export async function provideAzurite(
  connectionString: string | undefined,
  dataDir: string,
  log: (line: string) => void,
): Promise<ProvidedService> {
  if (connectionString === undefined || connectionString.trim() === '') {
    return skipped(`${STORAGE_SETTING} is not set`, log);
  }
  const conn = parseSetting(connectionString);
  if (!conn.isLocal) return skipped(`${STORAGE_SETTING} points to ${new URL(conn.blobEndpoint).host}, not this machine`, log);
  if (conn.accountName !== DEV_STORE_ACCOUNT || conn.accountKey !== DEV_STORE_KEY) {
    throw new ServiceStartError('Azurite', `${STORAGE_SETTING} points to this machine but not with the ${DEV_STORE_ACCOUNT} account and key that Azurite serves`, '');
  }
  const ports = {
    blob: urlPort(new URL(conn.blobEndpoint)),
    queue: urlPort(new URL(conn.queueEndpoint)),
    table: urlPort(new URL(conn.tableEndpoint)),
  };
  const taken = await Promise.all(STORAGE_SERVICES.map((s) => isListening(LOCAL_HOST, ports[s])));
  if (taken.some(Boolean)) return reuse(conn, ports, STORAGE_SERVICES.filter((_, i) => taken[i]), log);

  const location = join(dataDir, 'azurite');
  const azurite = await startAzurite({ location, blobPort: ports.blob, queuePort: ports.queue, tablePort: ports.table });
  const endpoints = [azurite.blobEndpoint, azurite.queueEndpoint, azurite.tableEndpoint];
  log(`Azurite: started (pid ${azurite.pid ?? '?'}), data in ${location}; ${endpoints.join(', ')}`);
  return { outcome: { action: 'started', pid: azurite.pid, endpoints }, stop: () => azurite.stop() };
}

/** Reuses what holds the ports if it is a healthy Azurite on all three; explains otherwise. */
async function reuse(
  conn: StorageConnection,
  ports: Readonly<Record<StorageService, number>>,
  taken: readonly StorageService[],
  log: (line: string) => void,
): Promise<ProvidedService> {
  for (const service of taken) {
    try {
      await probeStorageService(conn, service);
    } catch (err) {
      const detail = `Get ${service} service properties failed: ${errorText(err)}`;
      throw new PortInUseError(`Azurite ${service}`, LOCAL_HOST, ports[service], detail, { cause: err });
    }
  }
  const free = STORAGE_SERVICES.filter((s) => !taken.includes(s));
  if (free.length > 0) {
    const list = (services: readonly StorageService[]): string => services.map((s) => `${s} :${ports[s]}`).join(', ');
    throw new ServiceStartError(
      'Azurite',
      `an Azurite answers on ${list(taken)} but nothing listens on ${list(free)} (${LOCAL_HOST}); ` +
        'a partial Azurite (e.g. azurite-blob alone) is running — stop it, or start the missing services too',
      '',
    );
  }
  const endpoints = [conn.blobEndpoint, conn.queueEndpoint, conn.tableEndpoint];
  log(`Azurite: reusing the instance already answering at ${endpoints.join(', ')}`);
  return { outcome: { action: 'reused', endpoints }, stop: async () => {} };
}

function parseSetting(connectionString: string): StorageConnection {
  try {
    return parseStorageConnectionString(connectionString);
  } catch (err) {
    throw new Error(`${STORAGE_SETTING}: ${errorText(err)}`, { cause: err });
  }
}

function skipped(reason: string, log: (line: string) => void): ProvidedService {
  log(`Azurite: not started — ${reason}`);
  return notStarted({ action: 'skipped', reason });
}
