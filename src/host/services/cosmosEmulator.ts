import { launcherPath } from './launchers';
import { LOCAL_HOST } from './ports';
import { probeCosmos } from './probes';
import { waitForOutput, waitUntilAnswering } from './readiness';
import { spawnService, type ExitInfo } from './serviceProcess';

/** The Cosmos DB emulator's published key. @vercel/cosmosdb-server accepts any key; clients still sign with this one. */
export const COSMOS_EMULATOR_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';
export const COSMOS_EMULATOR_PORT = 8081;

const START_TIMEOUT_MS = 30_000;

export interface CosmosEmulatorOptions {
  /** 0 means any free port; the handle reports the port actually bound (no race). */
  readonly port: number;
  readonly startTimeoutMs?: number;
  /** Every line the emulator prints. */
  readonly onOutput?: (line: string) => void;
}

export interface CosmosEmulatorHandle {
  /** `https://127.0.0.1:PORT/` */
  readonly endpoint: string;
  readonly key: string;
  readonly pid: number | undefined;
  /** Settles when the process ends, whether through `stop()` or not. */
  readonly exited: Promise<ExitInfo>;
  /** Graceful stop, SIGKILL if that takes over 10 s. Idempotent. Data is in memory only: it is gone. */
  stop(): Promise<void>;
}

/**
 * Starts @vercel/cosmosdb-server over HTTPS on 127.0.0.1 as a child process that ends by itself if
 * this process dies. Resolves once it answers a real @azure/cosmos call.
 */
export async function startCosmosEmulator(options: CosmosEmulatorOptions): Promise<CosmosEmulatorHandle> {
  const timeoutMs = options.startTimeoutMs ?? START_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const proc = spawnService({
    service: `Cosmos DB emulator on ${LOCAL_HOST}:${options.port || 'any port'}`,
    entry: launcherPath('cosmos'),
    args: ['--host', LOCAL_HOST, '--port', String(options.port)],
    ...(options.onOutput && { onOutput: options.onOutput }),
  });
  try {
    const { url } = await waitForOutput(proc, { url: /cosmos emulator listening at (\S+)/ }, timeoutMs);
    const endpoint = `${url[1] ?? ''}/`;
    await waitUntilAnswering(proc, {
      where: endpoint,
      probe: () => probeCosmos({ endpoint, key: COSMOS_EMULATOR_KEY }),
      timeoutMs: Math.max(0, deadline - Date.now()),
    });
    return {
      endpoint,
      key: COSMOS_EMULATOR_KEY,
      pid: proc.pid,
      exited: proc.exited,
      stop: async () => {
        await proc.stop();
      },
    };
  } catch (err) {
    await proc.stop();
    throw err;
  }
}
