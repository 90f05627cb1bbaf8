import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startAzurite } from '../../src/host/services/azurite';
import { startCosmosEmulator } from '../../src/host/services/cosmosEmulator';

export interface BenchServices {
  storage: string;
  cosmosEndpoint: string;
  cosmosKey: string;
  workDir: string;
  /** Process ids of Azurite and of the Cosmos DB emulator, to account for their CPU time. */
  pids: { azurite: number | undefined; cosmos: number | undefined };
  stop(): Promise<void>;
}

/** Azurite (data on disk) and the Cosmos DB emulator on free ports, for one benchmark run. */
export async function startBenchServices(): Promise<BenchServices> {
  const workDir = await mkdtemp(path.join(tmpdir(), 'dj-bench-'));
  const [azurite, cosmos] = await Promise.all([
    startAzurite({ location: path.join(workDir, 'azurite'), blobPort: 0, queuePort: 0, tablePort: 0 }),
    startCosmosEmulator({ port: 0 }),
  ]);
  return {
    storage: azurite.connectionString, cosmosEndpoint: cosmos.endpoint, cosmosKey: cosmos.key, workDir,
    pids: { azurite: azurite.pid, cosmos: cosmos.pid },
    async stop() {
      await Promise.all([azurite.stop(), cosmos.stop()]);
      await rm(workDir, { recursive: true, force: true });
    },
  };
}
