import { setImmediate as nextTurn } from 'node:timers/promises';
import { ConflictError } from '../../model/errors';
import type { ScheduleRecord } from '../../schedules/model/scheduleRecord';
import type { SchedulePage, ScheduleQuery, ScheduleStore } from '../../schedules/ports';
import {
  checkScheduleName, checkScheduleRecord, decodeSchedulePosition, encodeSchedulePosition, parseStoredSchedule,
  schedulePageSize, updateSchedule, type ScheduleEtagBackend,
} from '../cosmos/scheduleStoreRules';

const WHERE = 'the in-memory schedule store';

/**
 * A ScheduleStore in memory with the semantics of CosmosScheduleStore (shared rules, ETags), for
 * tests. Every operation yields to the event loop first, so concurrent callers interleave and
 * race on ETags as they would against a server; documents are kept as JSON and parsed on read.
 */
export class MemoryScheduleStore implements ScheduleStore {
  private readonly documents = new Map<string, Record<string, unknown>>();
  private version = 0;
  private readonly backend: ScheduleEtagBackend = {
    read: async (name) => {
      await nextTurn();
      return this.read(name);
    },
    replace: async (name, next, etag) => {
      await nextTurn();
      if (this.documents.get(name)?.['_etag'] !== etag) return 'stale';
      return this.write(next);
    },
  };

  constructor(private readonly options: { maxAttempts?: number } = {}) {}

  async init(): Promise<void> {}

  async create(record: ScheduleRecord): Promise<ScheduleRecord> {
    checkScheduleName(record.name);
    const document = checkScheduleRecord(record, record.name);
    await nextTurn();
    if (this.documents.has(record.name)) throw new ConflictError(`schedule ${record.name} already exists`);
    return this.write(document);
  }

  async get(name: string): Promise<ScheduleRecord | undefined> {
    checkScheduleName(name);
    await nextTurn();
    return this.read(name);
  }

  update(name: string, change: (current: ScheduleRecord) => ScheduleRecord | undefined): Promise<ScheduleRecord> {
    return updateSchedule(this.backend, name, change, this.options.maxAttempts);
  }

  async delete(name: string, etag?: string): Promise<boolean> {
    checkScheduleName(name);
    await nextTurn();
    const document = this.documents.get(name);
    if (document === undefined) return false;
    if (etag !== undefined && document['_etag'] !== etag) throw new ConflictError(`schedule ${name} was changed meanwhile; look at it again before deleting it`);
    return this.documents.delete(name);
  }

  async list(query: ScheduleQuery = {}): Promise<SchedulePage> {
    const top = schedulePageSize(query.top);
    const after = query.continuationToken === undefined ? '' : decodeSchedulePosition(query.continuationToken);
    await nextTurn();
    const names = [...this.documents.keys()].filter((name) => name > after).sort();
    const page = names.slice(0, top);
    const last = page.at(-1);
    return { schedules: page.map((name) => this.read(name)!), ...(names.length > top && last !== undefined && { continuationToken: encodeSchedulePosition(last) }) };
  }

  async listDue(now: Date): Promise<ScheduleRecord[]> {
    await nextTurn();
    return [...this.documents.keys()].sort().map((name) => this.read(name)!)
      .filter((record) => record.schedule.is_enabled && record.nextFireAt !== null && record.nextFireAt <= now.getTime());
  }

  /** Test hook: stores a document as given, unchecked. */
  putRawDocument(document: Record<string, unknown> & { id: string }): void {
    this.documents.set(document.id, { ...structuredClone(document), _etag: `"memory-${++this.version}"` });
  }

  private read(name: string): ScheduleRecord | undefined {
    const document = this.documents.get(name);
    return document === undefined ? undefined : parseStoredSchedule(structuredClone(document), name, WHERE);
  }

  private write(record: Omit<ScheduleRecord, '_etag'>): ScheduleRecord {
    this.putRawDocument(record);
    return this.read(record.name)!;
  }
}
