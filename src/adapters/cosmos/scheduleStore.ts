import type { Container, CosmosClient } from '@azure/cosmos';
import { ConflictError, NotFoundError } from '../../model/errors';
import type { ScheduleRecord } from '../../schedules/model/scheduleRecord';
import type { SchedulePage, ScheduleQuery, ScheduleStore } from '../../schedules/ports';
import { ensureContainer } from './client';
import { cosmosFailure, cosmosStatus } from './cosmosErrors';
import {
  checkScheduleName, checkScheduleRecord, decodeSchedulePosition, encodeSchedulePosition, parseStoredSchedule,
  schedulePageSize, updateSchedule, type ScheduleEtagBackend,
} from './scheduleStoreRules';

export interface CosmosScheduleStoreOptions {
  /** A client from `createCosmosClient`; the store uses it but does not dispose it. */
  readonly client: CosmosClient;
  readonly database: string;
  /** One document per schedule, id = partition key = name. Default `schedules`. */
  readonly container?: string;
  readonly maxAttempts?: number;
}

/** ScheduleStore on Cosmos DB (contract in src/schedules/ports.ts), in its own container. */
export class CosmosScheduleStore implements ScheduleStore {
  private readonly container: Container;
  private readonly where: string;
  private readonly backend: ScheduleEtagBackend = { read: (name) => this.read(name), replace: (name, next, etag) => this.replace(name, next, etag) };

  constructor(private readonly options: CosmosScheduleStoreOptions) {
    this.container = options.client.database(options.database).container(options.container ?? 'schedules');
    this.where = `Cosmos DB container ${options.database}/${this.container.id}`;
  }

  async init(): Promise<void> {
    await ensureContainer(this.options.client, { database: this.options.database, container: this.container.id, partitionKeyPath: '/id' });
  }

  async create(record: ScheduleRecord): Promise<ScheduleRecord> {
    checkScheduleName(record.name);
    const document = checkScheduleRecord(record, record.name);
    try {
      const { resource } = await this.container.items.create(document);
      return parseStoredSchedule(resource, record.name, this.where);
    } catch (error) {
      if (cosmosStatus(error) === 409) throw new ConflictError(`schedule ${record.name} already exists`, { cause: error });
      throw cosmosFailure(`creating schedule "${record.name}"`, this.where, error);
    }
  }

  async get(name: string): Promise<ScheduleRecord | undefined> {
    checkScheduleName(name);
    return this.read(name);
  }

  update(name: string, change: (current: ScheduleRecord) => ScheduleRecord | undefined): Promise<ScheduleRecord> {
    return updateSchedule(this.backend, name, change, this.options.maxAttempts);
  }

  async delete(name: string, etag?: string): Promise<boolean> {
    checkScheduleName(name);
    try {
      await this.container.item(name, name).delete(etag === undefined ? {} : { accessCondition: { type: 'IfMatch', condition: etag } });
      return true;
    } catch (error) {
      const status = cosmosStatus(error);
      if (status === 404) return false;
      if (status === 412) throw new ConflictError(`schedule ${name} was changed meanwhile; look at it again before deleting it`, { cause: error });
      throw cosmosFailure(`deleting schedule "${name}"`, this.where, error);
    }
  }

  async list(query: ScheduleQuery = {}): Promise<SchedulePage> {
    const top = schedulePageSize(query.top);
    let position = query.continuationToken === undefined ? undefined : decodeSchedulePosition(query.continuationToken);
    const schedules: ScheduleRecord[] = [];
    do {
      const page = await this.container.items
        .query('SELECT * FROM c ORDER BY c.id', { maxItemCount: top - schedules.length, ...(position !== undefined && { continuationToken: position }) })
        .fetchNext()
        .catch((error: unknown) => Promise.reject(cosmosFailure('listing schedules', this.where, error)));
      schedules.push(...page.resources.map((doc: { id?: unknown }) => parseStoredSchedule(doc, String(doc.id), this.where)));
      position = page.continuationToken;
    } while (position !== undefined && schedules.length < top);
    return { schedules, ...(position !== undefined && { continuationToken: encodeSchedulePosition(position) }) };
  }

  async listDue(now: Date): Promise<ScheduleRecord[]> {
    const query = {
      query: 'SELECT * FROM c WHERE c.schedule.is_enabled = true AND IS_NUMBER(c.nextFireAt) AND c.nextFireAt <= @now ORDER BY c.id',
      parameters: [{ name: '@now', value: now.getTime() }],
    };
    const { resources } = await this.container.items.query(query).fetchAll()
      .catch((error: unknown) => Promise.reject(cosmosFailure('listing due schedules', this.where, error)));
    return resources.map((doc: { id?: unknown }) => parseStoredSchedule(doc, String(doc.id), this.where));
  }

  private async read(name: string): Promise<ScheduleRecord | undefined> {
    let document: unknown;
    try {
      const { resource, statusCode } = await this.container.item(name, name).read();
      document = statusCode === 404 ? undefined : resource;
    } catch (error) {
      if (cosmosStatus(error) !== 404) throw cosmosFailure(`reading schedule "${name}"`, this.where, error);
    }
    return document === undefined ? undefined : parseStoredSchedule(document, name, this.where);
  }

  private async replace(name: string, next: Omit<ScheduleRecord, '_etag'>, etag: string): Promise<ScheduleRecord | 'stale'> {
    try {
      const { resource } = await this.container.item(name, name).replace(next, { accessCondition: { type: 'IfMatch', condition: etag } });
      return parseStoredSchedule(resource, name, this.where);
    } catch (error) {
      const status = cosmosStatus(error);
      if (status === 412) return 'stale';
      if (status === 404) throw new NotFoundError(`schedule ${name} was deleted while it was being changed`, { cause: error });
      throw cosmosFailure(`updating schedule "${name}"`, this.where, error);
    }
  }
}
