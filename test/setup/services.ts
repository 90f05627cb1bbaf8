import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startAzurite } from '../../src/host/services/azurite';
import { startCosmosEmulator } from '../../src/host/services/cosmosEmulator';
import { startAllOrNone } from '../../src/host/services/startAll';

/**
 * vitest globalSetup: one Azurite (data in a fresh temp dir) and one Cosmos DB emulator per run,
 * on ports picked by the services themselves, so nothing needs to be running beforehand and a
 * developer's own Azurite on 10000-10002 is left alone. Tests read the connection info with
 * `inject(...)` (types in ./context.d.ts) or from DJ_TEST_* environment variables. Both children
 * also end by themselves if vitest is killed.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const location = await mkdtemp(join(tmpdir(), 'durable-jobs-test-azurite-'));
  const started = Date.now();
  const [azurite, cosmos] = await startAllOrNone([
    () => startAzurite({ location, blobPort: 0, queuePort: 0, tablePort: 0 }),
    () => startCosmosEmulator({ port: 0 }),
  ] as const).catch(async (err: unknown) => {
    await rm(location, { recursive: true, force: true });
    throw err;
  });
  if (process.env['DJ_TEST_VERBOSE']) {
    console.log(`test services ready in ${Date.now() - started} ms: ${azurite.blobEndpoint}, ${cosmos.endpoint}`);
  }

  project.provide('storageConnectionString', azurite.connectionString);
  project.provide('cosmosEndpoint', cosmos.endpoint);
  project.provide('cosmosKey', cosmos.key);
  process.env['DJ_TEST_STORAGE'] = azurite.connectionString;
  process.env['DJ_TEST_COSMOS_ENDPOINT'] = cosmos.endpoint;
  process.env['DJ_TEST_COSMOS_KEY'] = cosmos.key;

  return async () => {
    await Promise.all([azurite.stop(), cosmos.stop()]);
    await rm(location, { recursive: true, force: true });
  };
}
