import { randomUUID } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { createCosmosClient } from '../../src/adapters/cosmos/client';
import { CosmosJobStore } from '../../src/adapters/cosmos/jobStore';
import { describeJobStoreConformance } from './jobStoreConformance';

const client = createCosmosClient({ endpoint: inject('cosmosEndpoint'), key: inject('cosmosKey') });
afterAll(() => client.dispose());

describeJobStoreConformance('Cosmos DB (emulator)', async (options) => {
  const database = `test${randomUUID().replaceAll('-', '')}`;
  const store = new CosmosJobStore({ client, database, jobsContainer: 'jobs', ...options });
  return {
    store,
    putRawDocument: async (document) => {
      await client.database(database).container('jobs').items.upsert(document);
    },
    dispose: async () => {
      await client.database(database).delete();
    },
  };
});
