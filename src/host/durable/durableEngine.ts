import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { RegisteredFunction } from '../core/coreShim';
import type { Clock } from '../runtime/clock';
import type { HostLogger } from '../runtime/logger';
import type { InvokeFunction } from '../runtime/types';
import { Episode, type TimerSettings } from './episode';
import { runOrchestrator, triggerTypeOf } from './functionRunners';
import { EventType, eventTypeName, historyEvent, type HistoryEvent } from './historyEvents';
import { InstanceState, TERMINAL_STATUSES } from './instanceState';
import { EntityRunner, schedulerId } from './entities';
import { Limiter } from './limiter';
import { GroupCommitter } from './groupCommitter';
import { ReplayLog } from './replayLog';
import { TaskDispatcher } from './taskDispatcher';
import { parseTimeSpan } from '../runtime/timeSpan';
import { HistoryConflictError, type InstanceRecord, type TaskHubStore } from './taskHubStore';

export interface DurableEngineOptions {
  store: TaskHubStore;
  invoke: InvokeFunction;
  functions: RegisteredFunction[];
  clock: Clock;
  logger: HostLogger;
  maxConcurrentActivities?: number;
  maxConcurrentOrchestrations?: number;
  longRunningTimerInterval?: string;
  maximumShortTimer?: string;
  /** Makes this engine the only one running the task hub (see TaskHubLease). */
  lease?: { acquire(signal?: AbortSignal): Promise<void>; release(): Promise<void> };
}

/** One in-flight instance, owned by this engine while it runs. */
interface Actor {
  instanceId: string;
  record: InstanceRecord;
  state: InstanceState;
  history: HistoryEvent[];
  replay: ReplayLog;
  commits: GroupCommitter;
  /** Unique per loaded copy: work dispatched by an earlier copy reports back to nobody. */
  generation: number;
  pending: HistoryEvent[];
  held: HistoryEvent[];
  running: boolean;
}

let generations = 0;

/** Wait before rebuilding an instance whose episode failed for a reason other than a race. */
const REBUILD_DELAY_MS = 1_000;
/** How stale an unchanged row's lastUpdatedTime may get while its instance runs. */
const ROW_REFRESH_MS = 1_000;
/**
 * Episodes run ahead of their commits only while an instance waits for a few tasks (a chain): with
 * many open tasks (a fan-out) waiting for the commit lets completions pile up into one episode,
 * which matters more, since every episode replays the whole history.
 */
const PIPELINE_MAX_OPEN_TASKS = 4;
/** How many episodes of one instance may wait for storage before the next one waits too. */
const MAX_UNCOMMITTED_EPISODES = 64;

export class InstanceExistsError extends Error {
  override readonly name = 'InstanceExistsError';
}
export class InstanceNotFoundError extends Error {
  override readonly name = 'InstanceNotFoundError';
}

/**
 * The durable task engine: runs orchestration episodes, activities, timers and sub-orchestrations
 * for one task hub, with all state in a TaskHubStore so a killed host resumes where it stopped.
 *
 * Delivery between parts of the engine is in memory; durability comes from the history: after a
 * restart, every open task found in history is dispatched again (activities run at least once,
 * timers re-armed, children looked up), and external messages wait in the store's inbox until an
 * episode that consumed them is committed.
 */
export class DurableEngine {
  private readonly actors = new Map<string, Actor>();
  private readonly loading = new Map<string, Promise<Actor | undefined>>();
  private readonly orchestrations = new Map<string, RegisteredFunction>();
  private readonly activities = new Map<string, RegisteredFunction>();
  private readonly entityFunctions = new Map<string, RegisteredFunction>();
  private readonly entities: EntityRunner;
  private readonly dispatcher: TaskDispatcher;
  private readonly activityLimiter: Limiter;
  private readonly episodeLimiter: Limiter;
  private readonly timers: TimerSettings;
  private readonly abort = new AbortController();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly waiters = new Map<string, Array<() => void>>();
  private stopped = false;

  constructor(private readonly options: DurableEngineOptions) {
    for (const fn of options.functions) {
      const type = triggerTypeOf(fn);
      if (type === 'orchestrationtrigger') this.orchestrations.set(fn.metadata.name.toLowerCase(), fn);
      if (type === 'activitytrigger') this.activities.set(fn.metadata.name.toLowerCase(), fn);
      if (type === 'entitytrigger') this.entityFunctions.set(fn.metadata.name.toLowerCase(), fn);
    }
    this.activityLimiter = new Limiter(options.maxConcurrentActivities ?? 16);
    this.entities = new EntityRunner(
      options.store, this.entityFunctions, options.invoke, (id, event) => this.deliver(id, event), options.logger,
      (work) => this.track(work), () => this.nowIso(),
    );
    this.dispatcher = new TaskDispatcher({
      store: options.store, invoke: options.invoke, clock: options.clock, logger: options.logger,
      activities: this.activities, orchestrations: this.orchestrations, activityLimiter: this.activityLimiter,
      entities: this.entities, signal: this.abort.signal,
      deliver: (id, event) => this.deliver(id, event),
      resume: (id, opts) => {
        if (opts?.reload) this.actors.delete(id);
        return this.resume(id);
      },
      track: (work) => this.track(work),
    });
    this.episodeLimiter = new Limiter(options.maxConcurrentOrchestrations ?? 16);
    this.timers = {
      longRunningTimerIntervalMs: parseTimeSpan(options.longRunningTimerInterval ?? '3.00:00:00', 'durableTask longRunningTimerInterval'),
      maximumShortTimerMs: parseTimeSpan(options.maximumShortTimer ?? '6.00:00:00', 'durableTask maximumShortTimer'),
    };
  }

  get store(): TaskHubStore {
    return this.options.store;
  }

  /** Resumes every unfinished instance found in the store. */
  async start(): Promise<void> {
    await this.options.store.init();
    await this.options.lease?.acquire(this.abort.signal);
    let continuationToken: string | undefined;
    do {
      const page = await this.options.store.queryInstances({ runtimeStatus: ['Pending', 'Running', 'Suspended'], continuationToken });
      const [entityIds, orchestrationIds] = partition(page.instances.map((r) => r.instanceId), (id) => id.startsWith('@'));
      await this.entities.recover(entityIds);
      await Promise.all(orchestrationIds.map((id) => this.track(this.resume(id))));
      continuationToken = page.continuationToken;
    } while (continuationToken);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort(new Error('durable engine stopped'));
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await this.options.lease?.release();
  }

  isBusy(): boolean {
    return this.inFlight.size > 0;
  }

  // ---- client operations -------------------------------------------------------------------

  async startNew(name: string, options: { instanceId?: string; input?: unknown } = {}): Promise<string> {
    const fn = this.orchestrations.get(name.toLowerCase());
    if (!fn) throw new InstanceNotFoundError(`No orchestrator function named "${name}" (known: ${[...this.orchestrations.values()].map((f) => f.metadata.name).join(', ') || 'none'}).`);
    const instanceId = options.instanceId ?? randomUUID().replace(/-/g, '');
    const now = this.nowIso();
    const record: InstanceRecord = {
      instanceId, name: fn.metadata.name, runtimeStatus: 'Pending', executionId: randomUUID(),
      input: options.input === undefined ? undefined : JSON.stringify(options.input),
      createdTime: now, lastUpdatedTime: now,
    };
    if (!(await this.options.store.putInstance(record, { ifAbsentOrTerminal: true }))) {
      throw new InstanceExistsError(`An instance with ID "${instanceId}" already exists and is not finished.`);
    }
    this.actors.delete(instanceId);
    await this.track(this.resume(instanceId));
    return instanceId;
  }

  async raiseEvent(instanceId: string, eventName: string, data: unknown): Promise<void> {
    await this.sendExternal(instanceId, historyEvent(EventType.EventRaised, this.nowIso(), {
      Name: eventName, Input: data === undefined ? undefined : JSON.stringify(data),
    }));
  }

  async terminate(instanceId: string, reason?: string): Promise<void> {
    await this.sendExternal(instanceId, historyEvent(EventType.ExecutionTerminated, this.nowIso(), { Input: JSON.stringify(reason ?? null) }));
  }

  async suspend(instanceId: string, reason?: string): Promise<void> {
    await this.sendExternal(instanceId, historyEvent(EventType.ExecutionSuspended, this.nowIso(), { Reason: reason }));
  }

  async resumeSuspended(instanceId: string, reason?: string): Promise<void> {
    await this.sendExternal(instanceId, historyEvent(EventType.ExecutionResumed, this.nowIso(), { Reason: reason }));
  }

  async signalEntity(name: string, key: string, operation: string, input: unknown): Promise<void> {
    await this.entities.send(schedulerId(name, key), {
      id: randomUUID(), op: operation, signal: true, input: input === undefined ? undefined : JSON.stringify(input),
    });
  }

  async readEntityState(name: string, key: string): Promise<{ exists: boolean; state: unknown }> {
    return this.entities.readState(schedulerId(name, key));
  }

  async purge(instanceId: string): Promise<boolean> {
    const record = await this.options.store.readInstance(instanceId);
    if (record && !TERMINAL_STATUSES.has(record.runtimeStatus)) {
      throw new InstanceExistsError(`Instance "${instanceId}" is ${record.runtimeStatus}; only finished instances can be purged.`);
    }
    this.actors.delete(instanceId);
    return this.options.store.purge(instanceId);
  }

  async getHistory(record: InstanceRecord): Promise<HistoryEvent[]> {
    return (await this.options.store.readHistory(record.instanceId, record.executionId)).events;
  }

  /** Resolves when the instance reaches a terminal status (or immediately if it has). */
  async waitForCompletion(instanceId: string, signal?: AbortSignal): Promise<InstanceRecord> {
    for (;;) {
      const record = await this.options.store.readInstance(instanceId);
      if (!record) throw new InstanceNotFoundError(`No instance with ID "${instanceId}".`);
      if (TERMINAL_STATUSES.has(record.runtimeStatus)) return record;
      await new Promise<void>((resolve, reject) => {
        const list = this.waiters.get(instanceId) ?? [];
        list.push(resolve);
        this.waiters.set(instanceId, list);
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    }
  }

  private async sendExternal(instanceId: string, event: HistoryEvent): Promise<void> {
    const record = await this.options.store.readInstance(instanceId);
    if (!record) throw new InstanceNotFoundError(`No instance with ID "${instanceId}".`);
    const messageId = await this.options.store.addInbox(instanceId, event);
    await this.deliver(instanceId, { ...event, MessageId: messageId });
  }

  // ---- actors ------------------------------------------------------------------------------

  private nowIso(): string {
    return new Date(this.options.clock.now()).toISOString();
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    const forget = (): void => { this.inFlight.delete(work); };
    work.then(forget, forget);
    return work;
  }

  private async actorFor(instanceId: string): Promise<Actor | undefined> {
    const existing = this.actors.get(instanceId);
    if (existing) return existing;
    let loading = this.loading.get(instanceId);
    if (!loading) {
      loading = this.loadActor(instanceId).finally(() => this.loading.delete(instanceId));
      this.loading.set(instanceId, loading);
    }
    return loading;
  }

  private async loadActor(instanceId: string): Promise<Actor | undefined> {
    const record = await this.options.store.readInstance(instanceId);
    if (!record) return undefined;
    const stored = await this.options.store.readHistory(instanceId, record.executionId);
    const actor = this.newActor(record, stored.events, stored.position);
    this.actors.set(instanceId, actor);
    return actor;
  }

  private newActor(record: InstanceRecord, history: HistoryEvent[], position: number): Actor {
    const actor: Actor = {
      instanceId: record.instanceId, record, state: InstanceState.fromHistory(history), history,
      replay: new ReplayLog(history), generation: ++generations, pending: [], held: [], running: false,
      commits: undefined as unknown as GroupCommitter,
    };
    actor.commits = new GroupCommitter(this.options.store, record.instanceId, record.executionId, position,
      (error) => this.discard(actor, error), (work) => this.track(work));
    return actor;
  }

  /**
   * Storage refused or failed a write: this in-memory copy is ahead of what is stored and can no
   * longer be trusted. Drop it and rebuild the instance from storage, which re-dispatches its work.
   */
  private discard(actor: Actor, error: Error): void {
    if (this.actors.get(actor.instanceId) !== actor) return;
    this.actors.delete(actor.instanceId);
    const conflict = error instanceof HistoryConflictError;
    this.options.logger.log(conflict ? 'warn' : 'error', `Instance ${actor.instanceId}: ${error.message}; rebuilding it from storage`);
    void this.track(this.rebuild(actor.instanceId, conflict ? 0 : REBUILD_DELAY_MS));
  }

  /** Brings an instance back after a (re)start: pending start, inbox, and every open task. */
  private async resume(instanceId: string): Promise<void> {
    const actor = await this.actorFor(instanceId);
    if (!actor) return;
    if (actor.state.isTerminal) {
      await this.finish(actor);
      return;
    }
    if (actor.state.status === 'Pending') actor.pending.push(this.startEvent(actor.record));
    for (const message of await this.options.store.readInbox(instanceId)) actor.pending.push(message.event);
    for (const task of actor.state.open.values()) this.dispatcher.dispatch(actor.instanceId, task, actor.generation);
    for (const task of actor.state.openEntityCalls.values()) this.dispatcher.dispatch(actor.instanceId, task, actor.generation);
    for (const task of actor.state.entitySignals) this.dispatcher.dispatch(actor.instanceId, task, actor.generation);
    this.schedule(actor);
  }

  private startEvent(record: InstanceRecord): HistoryEvent {
    return historyEvent(EventType.ExecutionStarted, this.nowIso(), {
      Name: record.name, Input: record.input, ParentInstanceId: record.parentInstanceId,
      MessageId: `start:${record.executionId}`,
    });
  }

  private async deliver(instanceId: string, event: HistoryEvent, generation?: number): Promise<void> {
    if (this.stopped) return;
    const actor = await this.actorFor(instanceId);
    if (!actor) {
      this.options.logger.log('warn', `Dropped ${eventTypeName(event.EventType)} for unknown instance ${instanceId}`);
      return;
    }
    // The outcome of work an earlier, discarded copy of this instance dispatched: its task ids may
    // mean other tasks now. The current copy dispatched that work again itself.
    if (generation !== undefined && generation !== actor.generation) return;
    actor.pending.push(event);
    this.schedule(actor);
  }

  private schedule(actor: Actor): void {
    if (actor.running || actor.pending.length === 0 || this.stopped) return;
    actor.running = true;
    void this.track(this.episodeLimiter.run(() => this.runEpisodes(actor)));
  }

  private async runEpisodes(actor: Actor): Promise<void> {
    try {
      while (actor.pending.length > 0 && !this.stopped && !actor.commits.failure) {
        await this.runEpisode(actor, actor.pending.splice(0, actor.pending.length));
      }
    } catch (err) {
      // Storage unavailable, a lost append race, a bug: rebuild the instance from storage.
      actor.running = false;
      this.discard(actor, err instanceof Error ? err : new Error(String(err)));
      return;
    }
    actor.running = false;
    if (!actor.commits.failure) this.schedule(actor);
  }

  private async rebuild(instanceId: string, afterMs: number): Promise<void> {
    if (afterMs > 0) await delay(afterMs);
    if (this.stopped) return;
    try {
      await this.resume(instanceId);
    } catch (err) {
      this.options.logger.log('error', `Instance ${instanceId}: rebuilding failed: ${(err as Error).message}; retrying`);
      void this.track(this.rebuild(instanceId, Math.min(afterMs * 2 || REBUILD_DELAY_MS, 30_000)));
    }
  }

  private async runEpisode(actor: Actor, messages: HistoryEvent[]): Promise<void> {
    if (actor.state.isTerminal) return; // late completions for a finished instance are dropped
    const now = this.episodeTime(actor);
    const episode = new Episode(actor.state, actor.instanceId, now, this.timers, entityRequestId(actor.record.executionId));
    const plan = episode.prepare([...actor.held.splice(0), ...messages]);
    actor.held.push(...plan.held);
    const fn = this.orchestrations.get(actor.record.name.toLowerCase());
    const outcome = plan.needsReplay
      ? fn
        ? await runOrchestrator(this.options.invoke, fn, {
          instanceId: actor.instanceId, historyJson: actor.replay.toJson(plan.inbound),
          input: actor.state.input ?? startInput(plan.inbound), parentInstanceId: actor.record.parentInstanceId,
          isReplaying: actor.history.length > 0,
          longRunningTimerIntervalDuration: this.options.longRunningTimerInterval ?? '3.00:00:00',
          maximumShortTimerDuration: this.options.maximumShortTimer ?? '6.00:00:00',
        })
        : { kind: 'failed' as const, message: `The orchestrator function "${actor.record.name}" is not registered in this app.` }
      : { kind: 'state' as const, state: { isDone: false, actions: [] } };
    if (outcome.kind === 'state' && outcome.reyielded && outcome.reyielded.length > 0) {
      this.options.logger.log('warn', `Orchestration "${actor.record.name}" (${actor.instanceId}) yields an already scheduled task again inside `
        + `Task.any/Task.all: ${[...new Set(outcome.reyielded)].join(', ')}. durable-functions then reports it twice (a known upstream bug) and, `
        + 'as on Azure, the work is scheduled again and later task ids shift. Keep the first task\'s result instead of yielding it again.');
    }
    const decision = episode.decide(outcome);
    if (!plan.needsReplay && plan.inbound.length === 1) return; // nothing but held or dropped messages
    const events = [...plan.inbound, ...decision.outbound];
    actor.history.push(...events);
    actor.replay.append(events);
    const consumed = plan.inbound.map((e) => e.MessageId).filter((id): id is string => !!id && !id.startsWith('start:'));
    actor.commits.enqueue({ events, record: this.rowUpdate(actor, decision.customStatus), consumed });
    // Work is dispatched before its episode is stored: nothing else of the episode is visible until
    // then, and if the write fails the instance is rebuilt from storage and dispatches it again.
    for (const task of decision.scheduled) this.dispatcher.dispatch(actor.instanceId, task, actor.generation);
    const ends = decision.continueAsNew !== undefined || actor.state.isTerminal;
    if (ends || actor.state.open.size > PIPELINE_MAX_OPEN_TASKS || actor.commits.depth > MAX_UNCOMMITTED_EPISODES) {
      await actor.commits.drained();
    }
    if (decision.continueAsNew) await this.continueAsNew(actor, decision.continueAsNew.input);
    else if (actor.state.isTerminal) await this.finish(actor);
  }

  /** Orchestration time only moves forward, even if the clock does not. */
  private episodeTime(actor: Actor): string {
    const now = this.options.clock.now();
    const last = actor.state.lastEpisodeTime ? Date.parse(actor.state.lastEpisodeTime) : 0;
    return new Date(Math.max(now, last)).toISOString();
  }

  /**
   * The instance row as of this episode, or undefined when it need not be written: a row whose
   * status and custom status did not change is rewritten at most once per ROW_REFRESH_MS (for its
   * lastUpdatedTime) — a busy instance would otherwise pay a table write per episode.
   */
  private rowUpdate(actor: Actor, customStatus: unknown): InstanceRecord | undefined {
    const { state, record } = actor;
    const encodedStatus = customStatus === undefined ? record.customStatus : JSON.stringify(customStatus);
    const now = this.options.clock.now();
    const unchanged = record.runtimeStatus === state.status && record.customStatus === encodedStatus && !state.isTerminal;
    if (unchanged && now - Date.parse(record.lastUpdatedTime) < ROW_REFRESH_MS) return undefined;
    record.runtimeStatus = state.status;
    record.lastUpdatedTime = new Date(now).toISOString();
    record.customStatus = encodedStatus;
    if (state.status === 'Completed') record.output = state.output;
    if (state.status === 'Failed') record.output = JSON.stringify(state.failure?.reason ?? 'failed');
    if (state.status === 'Terminated') record.output = state.output;
    return { ...record };
  }

  private async continueAsNew(actor: Actor, input: string | undefined): Promise<void> {
    const record: InstanceRecord = {
      ...actor.record, executionId: randomUUID(), input, runtimeStatus: 'Pending', output: undefined,
      lastUpdatedTime: this.nowIso(),
    };
    await this.options.store.putInstance(record);
    const fresh = this.newActor(record, [], -1);
    fresh.pending.push(this.startEvent(record));
    this.actors.set(actor.instanceId, fresh);
    this.schedule(fresh);
  }

  /** A finished instance tells its parent and wakes whoever waits for it. */
  private async finish(actor: Actor): Promise<void> {
    this.actors.delete(actor.instanceId);
    const { record, state } = actor;
    if (record.runtimeStatus !== state.status) {
      const row = this.rowUpdate(actor, undefined);
      if (row) await this.options.store.putInstance(row);
    }
    if (record.parentInstanceId !== undefined && record.parentTaskId !== undefined) {
      const failed = state.status !== 'Completed';
      await this.deliver(record.parentInstanceId, historyEvent(
        failed ? EventType.SubOrchestrationInstanceFailed : EventType.SubOrchestrationInstanceCompleted, this.nowIso(),
        failed
          ? { TaskScheduledId: record.parentTaskId, Reason: `Sub-orchestration '${record.name}' (${record.instanceId}) ${state.status.toLowerCase()}: ${state.failure?.reason ?? state.output ?? ''}`, Details: state.failure?.details }
          : { TaskScheduledId: record.parentTaskId, Result: state.output ?? 'null' },
      ));
    }
    for (const wake of this.waiters.get(actor.instanceId) ?? []) wake();
    this.waiters.delete(actor.instanceId);
  }
}

/**
 * Entity request ids are derived from what the request is, not drawn at random: an episode redone
 * after a crash sends the same request again, and the entity recognizes it and answers it once.
 */
function entityRequestId(executionId: string): (eventId: number, request: { target?: string; op?: string; input?: string }) => string {
  return (eventId, request) => {
    const digest = createHash('sha256').update(JSON.stringify([request.target, request.op, request.input])).digest('hex').slice(0, 16);
    return `${executionId}:${eventId}:${digest}`;
  };
}

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

function startInput(history: HistoryEvent[]): string | undefined {
  return history.find((e) => e.EventType === EventType.ExecutionStarted)?.Input;
}
