import { randomUUID } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { createCosmosClient } from '../../src/adapters/cosmos/client';
import { CosmosScheduleStore } from '../../src/adapters/cosmos/scheduleStore';
import { describeScheduleStoreConformance } from './scheduleStoreConformance';

const client = createCosmosClient({ endpoint: inject('cosmosEndpoint'), key: inject('cosmosKey') });
afterAll(() => client.dispose());

describeScheduleStoreConformance('Cosmos DB (emulator)', async (options) => {
  const database = `sched${randomUUID().replaceAll('-', '')}`;
  const store = new CosmosScheduleStore({ client, database, ...options });
  return {
    store,
    putRawDocument: async (document) => {
      await client.database(database).container('schedules').items.upsert(document);
    },
    dispose: async () => {
      await client.database(database).delete();
    },
  };
});
