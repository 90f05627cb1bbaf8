import { randomUUID } from 'node:crypto';
import type { RegisteredFunction } from '../core/coreShim';
import type { Clock } from '../runtime/clock';
import type { HostLogger } from '../runtime/logger';
import type { InvokeFunction } from '../runtime/types';
import type { EntityRequest, EntityRunner } from './entities';
import { DURABLE_HTTP_ACTIVITY, performDurableHttp, type DurableHttpRequest } from './durableHttp';
import { runActivity } from './functionRunners';
import { EventType, historyEvent, type HistoryEvent } from './historyEvents';
import type { ScheduledTask } from './instanceState';
import type { Limiter } from './limiter';
import type { InstanceRecord, TaskHubStore } from './taskHubStore';

/** What the dispatcher needs from the engine. */
export interface DispatchContext {
  store: TaskHubStore;
  invoke: InvokeFunction;
  clock: Clock;
  logger: HostLogger;
  activities: Map<string, RegisteredFunction>;
  orchestrations: Map<string, RegisteredFunction>;
  activityLimiter: Limiter;
  entities: EntityRunner;
  /** Aborted when the engine stops: pending timers give up (they are re-armed from history). */
  signal: AbortSignal;
  /** Hands an outcome to the instance; `generation` identifies the copy that dispatched the work. */
  deliver(instanceId: string, event: HistoryEvent, generation?: number): Promise<void>;
  /** (Re)loads an instance from storage and dispatches its open work. */
  resume(instanceId: string, options?: { reload?: boolean }): Promise<void>;
  track<T>(work: Promise<T>): Promise<T>;
}

/**
 * Carries out the work an episode scheduled — activities, timers, sub-orchestrations, entity
 * operations — and delivers the outcome back to the instance as a history event.
 */
export class TaskDispatcher {
  constructor(private readonly context: DispatchContext) {}

  dispatch(instanceId: string, task: ScheduledTask, generation: number): void {
    const { track } = this.context;
    const deliver = (event: HistoryEvent): Promise<void> => this.context.deliver(instanceId, event, generation);
    // A durable HTTP poll first waits for its time, like a timer: not counted as work meanwhile.
    if (task.name === DURABLE_HTTP_ACTIVITY) void this.runDurableHttp(task, deliver);
    else if (task.kind === 'activity') void track(this.runActivity(task, deliver));
    else if (task.kind === 'timer') void this.armTimer(task, deliver);
    else if (task.kind === 'subOrchestration') void track(this.startChild(instanceId, task));
    else void track(this.sendToEntity(instanceId, task, deliver));
  }

  private now(): string {
    return new Date(this.context.clock.now()).toISOString();
  }

  private async runActivity(task: ScheduledTask, deliver: (event: HistoryEvent) => Promise<void>): Promise<void> {
    const fn = this.context.activities.get((task.name ?? '').toLowerCase());
    const outcome = fn
      ? await this.context.activityLimiter.run(() => runActivity(this.context.invoke, fn, task.input))
      : { ok: false as const, reason: `The activity function "${task.name}" is not registered in this app.` };
    const now = this.now();
    await deliver(outcome.ok
      ? historyEvent(EventType.TaskCompleted, now, { TaskScheduledId: task.id, Result: outcome.result })
      : historyEvent(EventType.TaskFailed, now, { TaskScheduledId: task.id, Reason: outcome.reason, Details: outcome.details }));
  }

  private async runDurableHttp(task: ScheduledTask, deliver: (event: HistoryEvent) => Promise<void>): Promise<void> {
    if (task.notBefore) {
      try {
        await this.context.clock.sleepUntil(Date.parse(task.notBefore), this.context.signal);
      } catch {
        return; // engine stopped: dispatched again from history on the next start
      }
    }
    await this.context.track((async () => {
      let event: HistoryEvent;
      try {
        const response = await performDurableHttp(JSON.parse(task.input ?? '{}') as DurableHttpRequest);
        event = historyEvent(EventType.TaskCompleted, this.now(), { TaskScheduledId: task.id, Result: JSON.stringify(response) });
      } catch (err) {
        event = historyEvent(EventType.TaskFailed, this.now(), { TaskScheduledId: task.id, Reason: (err as Error).message, Details: (err as Error).stack });
      }
      await deliver(event);
    })());
  }

  private async armTimer(task: ScheduledTask, deliver: (event: HistoryEvent) => Promise<void>): Promise<void> {
    try {
      await this.context.clock.sleepUntil(Date.parse(task.fireAt ?? ''), this.context.signal);
    } catch {
      return; // engine stopped: the timer is re-armed from history on the next start
    }
    await this.context.track(deliver(historyEvent(EventType.TimerFired, this.now(), { TimerId: task.id, FireAt: task.fireAt })));
  }

  private async startChild(parentId: string, task: ScheduledTask): Promise<void> {
    const { store } = this.context;
    const childId = task.instanceId!;
    const existing = await store.readInstance(childId);
    if (existing && existing.parentInstanceId === parentId && existing.parentTaskId === task.id) {
      await this.context.resume(childId); // created before a restart: let it run, or report its end again
      return;
    }
    const fn = this.context.orchestrations.get((task.name ?? '').toLowerCase());
    const fail = (reason: string): Promise<void> => this.context.deliver(parentId, historyEvent(
      EventType.SubOrchestrationInstanceFailed, this.now(), { TaskScheduledId: task.id, Reason: reason },
    ));
    if (!fn) return fail(`The orchestrator function "${task.name}" is not registered in this app.`);
    const now = this.now();
    const record: InstanceRecord = {
      instanceId: childId, name: fn.metadata.name, runtimeStatus: 'Pending', executionId: randomUUID(),
      input: task.input, createdTime: now, lastUpdatedTime: now, parentInstanceId: parentId, parentTaskId: task.id,
    };
    if (!(await store.putInstance(record, { ifAbsentOrTerminal: true }))) {
      return fail(`An instance with ID "${childId}" already exists and is not finished.`);
    }
    await this.context.resume(childId, { reload: true });
  }

  private async sendToEntity(instanceId: string, task: ScheduledTask, deliver: (event: HistoryEvent) => Promise<void>): Promise<void> {
    const request = JSON.parse(task.request ?? '{}') as EntityRequest;
    try {
      await this.context.entities.send(task.instanceId!, request);
    } catch (err) {
      this.context.logger.log('error', `Instance ${instanceId}: entity operation "${request.op}" on ${task.instanceId} failed: ${(err as Error).message}`);
      if (!request.signal) {
        await deliver(historyEvent(EventType.EventRaised, this.now(), {
          Name: request.id, Input: JSON.stringify({ result: JSON.stringify((err as Error).message), exceptionType: 'Error' }),
        }));
      }
    }
  }
}
