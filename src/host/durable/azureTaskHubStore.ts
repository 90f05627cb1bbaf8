import { randomUUID } from 'node:crypto';
import { RestError as BlobRestError, type ContainerClient } from '@azure/storage-blob';
import { odata, type TableClient, type TableEntity } from '@azure/data-tables';
import { blobServiceClient, tableClient, type StorageConnection } from '../../adapters/storage/connection';
import type { HistoryEvent } from './historyEvents';
import { TERMINAL_STATUSES } from './instanceState';
import {
  HistoryConflictError, type InboxMessage, type InstancePage, type InstanceQuery, type InstanceRecord,
  type StoredHistory, type TaskHubStore,
} from './taskHubStore';

/** Payload fields larger than this go to the large-message container, as the Azure Storage provider does. */
const LARGE_FIELD_BYTES = 16 * 1024;
const LARGE_MARKER = '$blob:';
const PAYLOAD_FIELDS = ['Input', 'Result', 'Details', 'Reason'] as const;
const RECORD_PAYLOAD_FIELDS = ['input', 'output', 'customStatus'] as const;
/** Append blob blocks are limited to 4 MiB; an episode larger than that is written in parts. */
const MAX_BLOCK_BYTES = 3.5 * 1024 * 1024;

/** Table keys may not hold / \ # ? or control characters; this keeps prefixes prefixes. */
function toKey(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
  return value.replace(/[%/\\#?\u0000-\u001f\u007f]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function statusCode(err: unknown): number | undefined {
  return (err as { statusCode?: number }).statusCode;
}

interface EpisodeLine { e: string; part: number; parts: number; events: HistoryEvent[] }

/**
 * The task hub on Azure Storage (Azurite locally): instance rows and inboxes in tables, history
 * as one append blob per execution (one block per episode, appended conditionally on its position),
 * large payloads as blobs.
 */
export class AzureTaskHubStore implements TaskHubStore {
  private readonly instances: TableClient;
  private readonly inbox: TableClient;
  private readonly history: ContainerClient;
  private readonly large: ContainerClient;
  /** The blob each large instance row points to, as last written by this store. */
  private readonly recordBlobs = new Map<string, string>();

  constructor(connection: StorageConnection | string, hubName: string) {
    if (!/^[A-Za-z][A-Za-z0-9]{2,44}$/.test(hubName)) {
      throw new Error(`Task hub name "${hubName}" is invalid: use 3–45 letters and digits, starting with a letter.`);
    }
    this.instances = tableClient(connection, `${hubName}Instances`);
    this.inbox = tableClient(connection, `${hubName}Inbox`);
    const blobs = blobServiceClient(connection);
    this.history = blobs.getContainerClient(`${hubName.toLowerCase()}-history`);
    this.large = blobs.getContainerClient(`${hubName.toLowerCase()}-largemessages`);
  }

  async init(): Promise<void> {
    await Promise.all([
      this.instances.createTable(), this.inbox.createTable(),
      this.history.createIfNotExists(), this.large.createIfNotExists(),
    ]);
  }

  async readInstance(instanceId: string): Promise<InstanceRecord | undefined> {
    for (let attempt = 1; ; attempt++) {
      let entity: TableEntity<{ Json: string }>;
      try {
        entity = await this.instances.getEntity<TableEntity<{ Json: string }>>(toKey(instanceId), '');
      } catch (err) {
        if (statusCode(err) === 404) return undefined;
        throw err;
      }
      try {
        return await this.inflateRecord(await this.recordJson(entity.Json));
      } catch (err) {
        // The row was rewritten and its old blob deleted between our two reads: read again.
        if (statusCode(err) !== 404 || attempt >= 3) throw err;
      }
    }
  }

  async putInstance(record: InstanceRecord, options: { ifAbsentOrTerminal?: boolean } = {}): Promise<boolean> {
    const entity = await this.instanceEntity(await this.deflateRecord(record));
    const written = await this.writeInstance(entity, options);
    const blob = typeof entity.Json === 'string' && entity.Json.startsWith(LARGE_MARKER) ? entity.Json : undefined;
    // Whichever record blob no row points to any more goes: the replaced one, or this one if refused.
    const stale = written ? this.recordBlobs.get(record.instanceId) : blob;
    if (written && blob) this.recordBlobs.set(record.instanceId, blob);
    else if (written) this.recordBlobs.delete(record.instanceId);
    if (stale && (stale !== blob || !written)) {
      await this.large.deleteBlob(stale.slice(LARGE_MARKER.length)).catch(() => undefined);
    }
    return written;
  }

  private async writeInstance(entity: TableEntity<Record<string, unknown>>, options: { ifAbsentOrTerminal?: boolean }): Promise<boolean> {
    if (!options.ifAbsentOrTerminal) {
      await this.instances.upsertEntity(entity, 'Replace');
      return true;
    }
    try {
      await this.instances.createEntity(entity);
      return true;
    } catch (err) {
      if (statusCode(err) !== 409) throw err;
    }
    const existing = await this.instances.getEntity<TableEntity<{ Json: string; RuntimeStatus: string }>>(entity.partitionKey, '');
    if (!TERMINAL_STATUSES.has(existing.RuntimeStatus as InstanceRecord['runtimeStatus'])) return false;
    try {
      await this.instances.updateEntity(entity, 'Replace', { etag: existing.etag });
      return true;
    } catch (err) {
      if (statusCode(err) === 412) return false;
      throw err;
    }
  }

  /**
   * A row holds at most 64 KiB per property. Records that are still too large after their payloads
   * moved out (an entity remembering many answers) keep their JSON in a blob; the row points to it.
   */
  private async instanceEntity(record: InstanceRecord): Promise<TableEntity<Record<string, unknown>>> {
    let json = JSON.stringify(record);
    // A new blob per write (an overwritten blob can be read half-written); the one it replaces is
    // deleted once the row points to the new one.
    if (Buffer.byteLength(json) > LARGE_FIELD_BYTES) json = `${LARGE_MARKER}${await this.putLarge(record.instanceId, json, `record-${randomUUID()}.json`)}`;
    return {
      partitionKey: toKey(record.instanceId),
      rowKey: '',
      InstanceId: record.instanceId,
      Name: record.name,
      RuntimeStatus: record.runtimeStatus,
      CreatedTime: record.createdTime,
      LastUpdatedTime: record.lastUpdatedTime,
      Json: json,
    };
  }

  private async recordJson(json: string): Promise<InstanceRecord> {
    return JSON.parse(json.startsWith(LARGE_MARKER) ? await this.getLarge(json) : json) as InstanceRecord;
  }

  async queryInstances(query: InstanceQuery): Promise<InstancePage> {
    const clauses: string[] = [];
    if (query.runtimeStatus && query.runtimeStatus.length > 0) {
      clauses.push(`(${query.runtimeStatus.map((s) => odata`RuntimeStatus eq ${s}`).join(' or ')})`);
    }
    if (query.createdTimeFrom) clauses.push(odata`CreatedTime ge ${query.createdTimeFrom}`);
    if (query.createdTimeTo) clauses.push(odata`CreatedTime le ${query.createdTimeTo}`);
    if (query.excludeEntities) clauses.push(odata`(PartitionKey lt ${'@'} or PartitionKey ge ${'A'})`);
    if (query.instanceIdPrefix) {
      const prefix = toKey(query.instanceIdPrefix);
      clauses.push(odata`PartitionKey ge ${prefix}`, odata`PartitionKey lt ${prefix + '\uffff'}`);
    }
    const pages = this.instances
      .listEntities<TableEntity<{ Json: string }>>({ queryOptions: clauses.length ? { filter: clauses.join(' and ') } : {} })
      .byPage({ maxPageSize: query.pageSize ?? 100, continuationToken: query.continuationToken });
    const { value } = await pages.next();
    if (!value) return { instances: [] };
    const page = value as Array<TableEntity<{ Json: string }>> & { continuationToken?: string };
    const instances = await Promise.all(page.map(async (e) => this.inflateRecord(await this.recordJson(e.Json))));
    return { instances, continuationToken: page.continuationToken };
  }

  private historyBlob(instanceId: string, executionId: string) {
    return this.history.getAppendBlobClient(`${encodeURIComponent(instanceId)}/${executionId}.jsonl`);
  }

  async readHistory(instanceId: string, executionId: string): Promise<StoredHistory> {
    let text: string;
    try {
      text = (await this.historyBlob(instanceId, executionId).downloadToBuffer()).toString('utf8');
    } catch (err) {
      if (statusCode(err) === 404) return { events: [], position: -1 };
      throw err;
    }
    const byEpisode = new Map<string, EpisodeLine[]>();
    const order: string[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      const parsed = JSON.parse(line) as EpisodeLine;
      if (!byEpisode.has(parsed.e)) { byEpisode.set(parsed.e, []); order.push(parsed.e); }
      byEpisode.get(parsed.e)!.push(parsed);
    }
    const events: HistoryEvent[] = [];
    for (const id of order) {
      const parts = byEpisode.get(id)!;
      // An episode whose parts are not all there was cut short by a crash: it never happened.
      if (parts.length !== parts[0]!.parts) continue;
      for (const part of parts.sort((a, b) => a.part - b.part)) events.push(...part.events);
    }
    await Promise.all(events.map((event) => this.inflate(event)));
    return { events, position: Buffer.byteLength(text) };
  }

  async appendHistory(instanceId: string, executionId: string, events: HistoryEvent[], position: number): Promise<number> {
    const blob = this.historyBlob(instanceId, executionId);
    if (position < 0) {
      try {
        await blob.create({ conditions: { ifNoneMatch: '*' } });
      } catch (err) {
        if (statusCode(err) === 409 || statusCode(err) === 412) throw new HistoryConflictError(`History of ${instanceId} already exists`);
        throw err;
      }
      position = 0;
    }
    const stored = await Promise.all(events.map((event) => this.deflate(instanceId, event)));
    const blocks = splitIntoBlocks(randomUUID(), stored);
    for (const block of blocks) {
      try {
        await blob.appendBlock(block, block.length, { conditions: { appendPosition: position } });
      } catch (err) {
        if (statusCode(err) === 412) {
          throw new HistoryConflictError(`History of ${instanceId} moved on (expected position ${position})`, { cause: err as BlobRestError });
        }
        throw err;
      }
      position += block.length;
    }
    return position;
  }

  /** Table properties hold at most 64 KiB: large inputs, outputs and statuses live in blobs. */
  private async deflateRecord(record: InstanceRecord): Promise<InstanceRecord> {
    let copy: InstanceRecord | undefined;
    for (const field of RECORD_PAYLOAD_FIELDS) {
      const value = record[field];
      if (typeof value === 'string' && Buffer.byteLength(value) > LARGE_FIELD_BYTES) {
        copy ??= { ...record };
        copy[field] = `${LARGE_MARKER}${await this.putLarge(record.instanceId, value)}`;
      }
    }
    return copy ?? record;
  }

  private async inflateRecord(record: InstanceRecord): Promise<InstanceRecord> {
    for (const field of RECORD_PAYLOAD_FIELDS) {
      const value = record[field];
      if (typeof value === 'string' && value.startsWith(LARGE_MARKER)) record[field] = await this.getLarge(value);
    }
    return record;
  }

  private async putLarge(instanceId: string, value: string, fileName: string = randomUUID()): Promise<string> {
    const name = `${encodeURIComponent(instanceId)}/${fileName}`;
    await this.large.getBlockBlobClient(name).upload(value, Buffer.byteLength(value));
    return name;
  }

  private async getLarge(marked: string): Promise<string> {
    return (await this.large.getBlockBlobClient(marked.slice(LARGE_MARKER.length)).downloadToBuffer()).toString('utf8');
  }

  private async deflate(instanceId: string, event: HistoryEvent): Promise<HistoryEvent> {
    let copy: HistoryEvent | undefined;
    for (const field of PAYLOAD_FIELDS) {
      const value = event[field];
      if (typeof value === 'string' && Buffer.byteLength(value) > LARGE_FIELD_BYTES) {
        copy ??= { ...event };
        copy[field] = `${LARGE_MARKER}${await this.putLarge(instanceId, value)}`;
      }
    }
    return copy ?? event;
  }

  private async inflate(event: HistoryEvent): Promise<void> {
    for (const field of PAYLOAD_FIELDS) {
      const value = event[field];
      if (typeof value === 'string' && value.startsWith(LARGE_MARKER)) event[field] = await this.getLarge(value);
    }
  }

  async addInbox(instanceId: string, event: HistoryEvent): Promise<string> {
    const messageId = `${Date.now().toString().padStart(15, '0')}-${randomUUID()}`;
    const stored = await this.deflate(instanceId, { ...event, MessageId: messageId });
    await this.inbox.createEntity({ partitionKey: toKey(instanceId), rowKey: messageId, Event: JSON.stringify(stored) });
    return messageId;
  }

  async readInbox(instanceId: string): Promise<InboxMessage[]> {
    const out: InboxMessage[] = [];
    const entities = this.inbox.listEntities<TableEntity<{ Event: string }>>({
      queryOptions: { filter: odata`PartitionKey eq ${toKey(instanceId)}` },
    });
    for await (const entity of entities) {
      const event = JSON.parse(entity.Event) as HistoryEvent;
      await this.inflate(event);
      out.push({ messageId: entity.rowKey!, event });
    }
    return out;
  }

  async deleteInbox(instanceId: string, messageIds: string[]): Promise<void> {
    await Promise.all(messageIds.map(async (id) => {
      try {
        await this.inbox.deleteEntity(toKey(instanceId), id);
      } catch (err) {
        if (statusCode(err) !== 404) throw err;
      }
    }));
  }

  async purge(instanceId: string): Promise<boolean> {
    const record = await this.readInstance(instanceId);
    if (!record) return false;
    for await (const blob of this.history.listBlobsFlat({ prefix: `${encodeURIComponent(instanceId)}/` })) {
      await this.history.deleteBlob(blob.name, { deleteSnapshots: 'include' });
    }
    for await (const blob of this.large.listBlobsFlat({ prefix: `${encodeURIComponent(instanceId)}/` })) {
      await this.large.deleteBlob(blob.name);
    }
    await this.deleteInbox(instanceId, (await this.readInbox(instanceId)).map((m) => m.messageId));
    await this.instances.deleteEntity(toKey(instanceId), '');
    return true;
  }
}

function splitIntoBlocks(episodeId: string, events: HistoryEvent[]): Buffer[] {
  const groups: HistoryEvent[][] = [[]];
  let size = 0;
  for (const event of events) {
    const bytes = Buffer.byteLength(JSON.stringify(event));
    if (size + bytes > MAX_BLOCK_BYTES && groups[groups.length - 1]!.length > 0) { groups.push([]); size = 0; }
    groups[groups.length - 1]!.push(event);
    size += bytes;
  }
  return groups.map((group, part) => Buffer.from(`${JSON.stringify({ e: episodeId, part, parts: groups.length, events: group })}\n`));
}
