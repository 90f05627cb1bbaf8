import { isLoopbackUrl } from '../../adapters/loopback';
import { COSMOS_EMULATOR_KEY, startCosmosEmulator } from './cosmosEmulator';
import { PortInUseError, ServiceStartError } from './errors';
import { isListening, LOCAL_HOST } from './ports';
import { probeCosmos } from './probes';
import { notStarted, urlPort, type ProvidedService } from './provided';
import { errorText } from './readiness';

export const COSMOS_ENDPOINT_SETTING = 'COSMOS_ENDPOINT';
export const COSMOS_KEY_SETTING = 'COSMOS_KEY';

/**
 * Makes sure the Cosmos DB account that `COSMOS_ENDPOINT` names is available: nothing to do when
 * it is not on this machine; reuse a healthy emulator already on its port; otherwise start one.
 */
export async function provideCosmos(
  endpoint: string | undefined,
  key: string | undefined,
  log: (line: string) => void,
): Promise<ProvidedService> {
  if (endpoint === undefined || endpoint.trim() === '') return skipped(`${COSMOS_ENDPOINT_SETTING} is not set`, log);
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch (err) {
    throw new Error(`${COSMOS_ENDPOINT_SETTING} is not a URL (expected e.g. https://127.0.0.1:8081)`, { cause: err });
  }
  if (!isLoopbackUrl(endpoint)) return skipped(`${COSMOS_ENDPOINT_SETTING} points to ${url.host}, not this machine`, log);
  if (url.protocol !== 'https:') {
    throw new ServiceStartError('Cosmos DB emulator', `${COSMOS_ENDPOINT_SETTING} must be https:// (the emulator only serves HTTPS)`, '');
  }
  const port = urlPort(url);
  if (await isListening(LOCAL_HOST, port)) {
    try {
      await probeCosmos({ endpoint, key: key ?? COSMOS_EMULATOR_KEY });
    } catch (err) {
      throw new PortInUseError('Cosmos DB emulator', LOCAL_HOST, port, `reading the database account failed: ${errorText(err)}`, { cause: err });
    }
    log(`Cosmos DB emulator: reusing the instance already answering at ${endpoint}`);
    return { outcome: { action: 'reused', endpoints: [endpoint] }, stop: async () => {} };
  }
  const emulator = await startCosmosEmulator({ port });
  log(`Cosmos DB emulator: started (pid ${emulator.pid ?? '?'}) at ${emulator.endpoint} (in memory: data is lost when it stops)`);
  return { outcome: { action: 'started', pid: emulator.pid, endpoints: [emulator.endpoint] }, stop: () => emulator.stop() };
}

function skipped(reason: string, log: (line: string) => void): ProvidedService {
  log(`Cosmos DB emulator: not started — ${reason}`);
  return notStarted({ action: 'skipped', reason });
}
