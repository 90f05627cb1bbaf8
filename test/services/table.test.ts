import { afterEach, describe, expect, inject, it } from 'vitest';
import { odata, type TableClient } from '@azure/data-tables';
import { tableClient } from '../../src/adapters/storage/connection';
import { testTableName } from './helpers';

interface Run {
  partitionKey: string;
  rowKey: string;
  status: string;
  attempt: number;
}

describe('tables on the test Azurite', () => {
  const connectionString = inject('storageConnectionString');
  let table: TableClient | undefined;

  afterEach(async () => {
    await table?.deleteTable();
  });

  async function newTable(): Promise<TableClient> {
    table = tableClient(connectionString, testTableName());
    await table.createTable();
    return table;
  }

  it('inserts entities and queries one partition with a filter', async () => {
    const t = await newTable();
    await t.createEntity<Run>({ partitionKey: 'job-a', rowKey: '1', status: 'Completed', attempt: 1 });
    await t.createEntity<Run>({ partitionKey: 'job-a', rowKey: '2', status: 'Failed', attempt: 2 });
    await t.createEntity<Run>({ partitionKey: 'job-b', rowKey: '1', status: 'Failed', attempt: 1 });

    const failed: Run[] = [];
    const filter = odata`PartitionKey eq ${'job-a'} and status eq ${'Failed'}`;
    for await (const entity of t.listEntities<Run>({ queryOptions: { filter } })) failed.push(entity);
    expect(failed.map((e) => [e.partitionKey, e.rowKey, e.attempt])).toEqual([['job-a', '2', 2]]);
  });

  it('rejects an update with a stale etag (412) and a duplicate insert (409)', async () => {
    const t = await newTable();
    const { etag } = await t.createEntity<Run>({ partitionKey: 'job', rowKey: 'r', status: 'Queued', attempt: 0 });
    await t.updateEntity({ partitionKey: 'job', rowKey: 'r', status: 'Running' }, 'Merge', { etag: etag! });

    await expect(
      t.updateEntity({ partitionKey: 'job', rowKey: 'r', status: 'Canceled' }, 'Merge', { etag: etag! }),
    ).rejects.toMatchObject({ statusCode: 412 });
    await expect(t.createEntity({ partitionKey: 'job', rowKey: 'r', status: 'x' })).rejects.toMatchObject({ statusCode: 409 });
    expect((await t.getEntity<Run>('job', 'r')).status).toBe('Running');
  });
});
