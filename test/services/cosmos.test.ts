import { afterAll, describe, expect, inject, it } from 'vitest';
import { createCosmosClient, ensureContainer } from '../../src/adapters/cosmos/client';
import { testTableName } from './helpers';

interface JobDoc {
  id: string;
  jobId: string;
  status: string;
  _etag?: string;
}

describe('Cosmos DB on the test emulator', () => {
  const client = createCosmosClient({ endpoint: inject('cosmosEndpoint'), key: inject('cosmosKey') });
  const database = testTableName();
  const spec = { database, container: 'jobs', partitionKeyPath: '/jobId' };

  afterAll(async () => {
    await client.database(database).delete();
    client.dispose();
  });

  it('creates the database and container once and finds them again on the next call', async () => {
    const first = await ensureContainer(client, spec);
    const second = await ensureContainer(client, spec);

    expect(second.id).toBe(first.id);
    const { resource } = await second.read();
    expect(resource?.partitionKey?.paths).toEqual(['/jobId']);
  });

  it('creates items and queries them with parameters', async () => {
    const container = await ensureContainer(client, spec);
    for (const [id, status] of [['q1', 'Queued'], ['q2', 'Running'], ['q3', 'Queued']] as const) {
      await container.items.create<JobDoc>({ id, jobId: id, status });
    }

    const { resources } = await container.items
      .query<{ id: string }>({
        query: 'SELECT c.id FROM c WHERE c.status = @status AND STARTSWITH(c.id, @prefix) ORDER BY c.id',
        parameters: [{ name: '@status', value: 'Queued' }, { name: '@prefix', value: 'q' }],
      })
      .fetchAll();
    expect(resources.map((r) => r.id)).toEqual(['q1', 'q3']);
  });

  it('rejects a replace conditioned on a stale etag with 412', async () => {
    const container = await ensureContainer(client, spec);
    const { resource: created } = await container.items.create<JobDoc>({ id: 'e1', jobId: 'e1', status: 'Queued' });
    const item = container.item('e1', 'e1');
    const ifMatch = { accessCondition: { type: 'IfMatch', condition: created!._etag! } };
    await item.replace<JobDoc>({ id: 'e1', jobId: 'e1', status: 'Running' }, ifMatch);

    await expect(item.replace<JobDoc>({ id: 'e1', jobId: 'e1', status: 'Canceled' }, ifMatch)).rejects.toMatchObject({ code: 412 });
    expect((await item.read<JobDoc>()).resource?.status).toBe('Running');
  });
});
