import type { RegisteredFunction } from '../core/coreShim';
import { fromTypedData } from '../core/typedData';
import type { HostLogger } from '../runtime/logger';
import type { InvokeFunction } from '../runtime/types';
import { EventType, historyEvent, type HistoryEvent } from './historyEvents';
import type { InstanceRecord, TaskHubStore } from './taskHubStore';

/** An operation sent to an entity (the Durable Task "RequestMessage"). */
export interface EntityRequest {
  id: string;
  op: string;
  signal: boolean;
  /** JSON text of the operation input, or undefined. */
  input?: string;
  /** The orchestration waiting for the answer (calls only). */
  parent?: string;
}

interface OperationResult { isError: boolean; result?: string }
interface EntityBatchResult {
  entityExists: boolean;
  entityState?: string;
  results: OperationResult[];
  signals: Array<{ target: { name: string; key: string }; name: string; input?: string; requestId?: string }>;
}

/** Entity state kept on its instance row. */
interface EntityRecord extends InstanceRecord {
  entityExists?: boolean;
  /** Answers of the last operations, by request id: a redelivered request is answered, not re-run. */
  answered?: Record<string, string | null>;
}

/** Enough for every request that can be in flight when a host dies; the row keeps only these. */
const REMEMBERED_ANSWERS = 500;

export function schedulerId(name: string, key: string): string {
  return `@${name.toLowerCase()}@${key}`;
}

export function parseSchedulerId(id: string): { name: string; key: string } {
  const at = id.indexOf('@', 1);
  if (!id.startsWith('@') || at < 0) throw new Error(`"${id}" is not an entity id (expected @name@key)`);
  return { name: id.slice(1, at), key: id.slice(at + 1) };
}

/**
 * Durable entities: each entity is a row (its state) and an inbox of requests. Requests are run in
 * batches, one batch at a time per entity, through the app's entity function; calls are answered
 * with an EventRaised named after the request id, as the Durable Task Framework does. Requests stay
 * in the inbox until their batch is saved, and answers are remembered, so a crash at any point
 * neither loses an operation nor runs it twice.
 */
export class EntityRunner {
  private readonly running = new Set<string>();
  private readonly again = new Set<string>();

  constructor(
    private readonly store: TaskHubStore,
    private readonly entities: Map<string, RegisteredFunction>,
    private readonly invoke: InvokeFunction,
    private readonly answer: (instanceId: string, event: HistoryEvent) => Promise<void>,
    private readonly logger: HostLogger,
    private readonly track: <T>(work: Promise<T>) => Promise<T>,
    private readonly now: () => string,
  ) {}

  /** Queues a request durably, then runs the entity. */
  async send(entityId: string, request: EntityRequest): Promise<void> {
    await this.ensureRecord(entityId);
    await this.store.addInbox(entityId, historyEvent(EventType.EventRaised, this.now(), { Name: 'op', Input: JSON.stringify(request) }));
    this.kick(entityId);
  }

  async readState(entityId: string): Promise<{ exists: boolean; state: unknown }> {
    const record = (await this.store.readInstance(entityId)) as EntityRecord | undefined;
    if (!record?.entityExists) return { exists: false, state: undefined };
    return { exists: true, state: record.output === undefined ? undefined : JSON.parse(record.output) };
  }

  /** Runs every entity that still has requests (after a restart). */
  async recover(ids: string[]): Promise<void> {
    for (const id of ids) this.kick(id);
  }

  private async ensureRecord(entityId: string): Promise<void> {
    if (await this.store.readInstance(entityId)) return;
    const { name } = parseSchedulerId(entityId);
    const fn = this.entities.get(name.toLowerCase());
    if (!fn) throw new Error(`No entity function named "${name}" (known: ${[...this.entities.values()].map((f) => f.metadata.name).join(', ') || 'none'}).`);
    const now = this.now();
    const record: EntityRecord = {
      instanceId: entityId, name: fn.metadata.name, runtimeStatus: 'Running', executionId: 'entity',
      createdTime: now, lastUpdatedTime: now, entityExists: false, answered: {},
    };
    await this.store.putInstance(record, { ifAbsentOrTerminal: true });
  }

  private kick(entityId: string): void {
    if (this.running.has(entityId)) { this.again.add(entityId); return; }
    this.running.add(entityId);
    void this.track(this.drain(entityId));
  }

  private async drain(entityId: string): Promise<void> {
    try {
      do {
        this.again.delete(entityId);
        await this.runBatch(entityId);
      } while (this.again.has(entityId));
    } catch (err) {
      this.logger.log('error', `Entity ${entityId}: ${(err as Error).message}`);
    } finally {
      this.running.delete(entityId);
    }
  }

  private async runBatch(entityId: string): Promise<void> {
    const inbox = await this.store.readInbox(entityId);
    if (inbox.length === 0) return;
    const record = (await this.store.readInstance(entityId)) as EntityRecord;
    const answered = { ...(record.answered ?? {}) };
    const requests = inbox.map((m) => JSON.parse(m.event.Input ?? '{}') as EntityRequest);
    const fresh = requests.filter((r) => !(r.id in answered));
    const replies: Array<{ request: EntityRequest; response: string }> = [];
    const signals: EntityBatchResult['signals'] = [];

    if (fresh.length > 0) {
      const fn = this.entities.get(parseSchedulerId(entityId).name.toLowerCase());
      const result = fn
        ? await this.execute(fn, entityId, record, fresh)
        : undefined;
      fresh.forEach((request, i) => {
        const op = result?.results[i];
        const response = result === undefined
          ? JSON.stringify({ result: JSON.stringify(`Entity function for ${entityId} is not registered`), exceptionType: 'Error' })
          : JSON.stringify(op?.isError ? { result: op.result ?? 'null', exceptionType: 'Error' } : { result: op?.result });
        answered[request.id] = request.signal ? null : response;
      });
      if (result) {
        record.entityExists = result.entityExists;
        record.output = result.entityExists ? result.entityState : undefined;
        signals.push(...result.signals);
      }
    }
    for (const request of requests) {
      const response = answered[request.id];
      if (!request.signal && request.parent && response) replies.push({ request, response });
    }
    const ids = Object.keys(answered);
    record.answered = Object.fromEntries(ids.slice(Math.max(0, ids.length - REMEMBERED_ANSWERS)).map((id) => [id, answered[id] ?? null]));
    record.lastUpdatedTime = this.now();
    await this.store.putInstance(record);

    for (const { request, response } of replies) {
      await this.answer(request.parent!, historyEvent(EventType.EventRaised, this.now(), { Name: request.id, Input: response }));
    }
    for (const signal of signals) {
      await this.send(schedulerId(signal.target.name, signal.target.key), {
        id: signal.requestId ? `${signal.requestId}:${signal.name}:${signals.indexOf(signal)}` : `${entityId}:${Date.now()}`,
        op: signal.name, signal: true, input: signal.input || undefined,
      });
    }
    await this.store.deleteInbox(entityId, inbox.map((m) => m.messageId));
  }

  private async execute(fn: RegisteredFunction, entityId: string, record: EntityRecord, batch: EntityRequest[]): Promise<EntityBatchResult> {
    const binding = {
      self: parseSchedulerId(entityId),
      exists: record.entityExists ?? false,
      state: record.entityExists ? record.output : undefined,
      batch: batch.map((r) => ({ id: r.id, name: r.op, signal: r.signal, input: r.input })),
    };
    const result = await this.invoke(fn, { data: { string: JSON.stringify(binding) } });
    return fromTypedData(result.returnValue) as EntityBatchResult;
  }
}
