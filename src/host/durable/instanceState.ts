import type { RetryOptionsWire } from './actions';
import { EventType, type HistoryEvent } from './historyEvents';

export type RuntimeStatus =
  | 'Pending' | 'Running' | 'Completed' | 'ContinuedAsNew' | 'Failed' | 'Canceled' | 'Terminated' | 'Suspended';

export const TERMINAL_STATUSES: ReadonlySet<RuntimeStatus> = new Set(['Completed', 'Failed', 'Terminated', 'Canceled']);

export type TaskKind = 'activity' | 'timer' | 'subOrchestration' | 'entityCall' | 'entitySignal';

/** Something the orchestration scheduled and may still be waiting for. */
export interface ScheduledTask {
  id: number;
  kind: TaskKind;
  name?: string;
  input?: string;
  fireAt?: string;
  instanceId?: string;
  /** Present when the task belongs to a call-with-retry. */
  retry?: RetryOptionsWire;
  /** Id of the first attempt of a call-with-retry (the group this task belongs to). */
  retryOf?: number;
  /** For a chunk of a long timer: when the whole timer fires. */
  finalFireAt?: string;
  /** A retry timer (as opposed to a user timer or a long-timer chunk). */
  isRetryTimer?: boolean;
  /** For entity operations: the request as sent (JSON of EntityRequest). */
  request?: string;
  /** Not to be started before this time (a durable HTTP poll waits for its timer). */
  notBefore?: string;
}

/** Engine-side projection of one execution's history: what is open, what was decided. */
export class InstanceState {
  name = '';
  input: string | undefined;
  parentInstanceId: string | undefined;
  status: RuntimeStatus = 'Pending';
  output: string | undefined;
  failure: { reason: string; details?: string } | undefined;
  customStatus: string | undefined;
  /** The next sequence number the library will give a task. */
  nextSeq = 0;
  /** Scheduling events made by orchestrator actions (not by retries or long timers), in order. */
  readonly actionLog: HistoryEvent[] = [];
  readonly tasks = new Map<number, ScheduledTask>();
  readonly open = new Map<number, ScheduledTask>();
  /** Failed attempts per call-with-retry group. */
  readonly failedAttempts = new Map<number, number>();
  readonly consumedMessages = new Set<string>();
  /** Entity calls by request id; answered ones are removed from `openEntityCalls`. */
  readonly entityCalls = new Set<string>();
  readonly openEntityCalls = new Map<string, ScheduledTask>();
  /** Signals sent to entities; re-sent after a restart (entities ignore repeats). */
  readonly entitySignals: ScheduledTask[] = [];
  lastEpisodeTime: string | undefined;

  static fromHistory(history: readonly HistoryEvent[]): InstanceState {
    const state = new InstanceState();
    for (const event of history) state.apply(event);
    return state;
  }

  get isTerminal(): boolean {
    return TERMINAL_STATUSES.has(this.status) || this.status === 'ContinuedAsNew';
  }

  /** Folds one event into the projection. Every event the engine writes goes through here. */
  apply(event: HistoryEvent): void {
    if (event.MessageId) this.consumedMessages.add(event.MessageId);
    switch (event.EventType) {
      case EventType.ExecutionStarted:
        this.name = event.Name ?? '';
        this.input = event.Input;
        this.parentInstanceId = event.ParentInstanceId;
        this.status = 'Running';
        break;
      case EventType.OrchestratorStarted:
        this.lastEpisodeTime = event.Timestamp;
        break;
      case EventType.TaskScheduled:
      case EventType.TimerCreated:
      case EventType.SubOrchestrationInstanceCreated:
        this.schedule(event);
        break;
      case EventType.TaskCompleted:
      case EventType.TaskFailed:
      case EventType.SubOrchestrationInstanceCompleted:
      case EventType.SubOrchestrationInstanceFailed:
        this.complete(event.TaskScheduledId, event.EventType === EventType.TaskFailed || event.EventType === EventType.SubOrchestrationInstanceFailed);
        break;
      case EventType.TimerFired:
        this.open.delete(event.TimerId ?? -1);
        break;
      case EventType.EventSent:
        this.sendToEntity(event);
        break;
      case EventType.EventRaised:
        if (event.Name) this.openEntityCalls.delete(event.Name);
        break;
      case EventType.ExecutionCompleted:
        this.status = event.OrchestrationStatus === 'Failed' ? 'Failed' : event.OrchestrationStatus === 'ContinuedAsNew' ? 'ContinuedAsNew' : 'Completed';
        this.output = event.Result;
        if (this.status === 'Failed') this.failure = { reason: event.Reason ?? 'Orchestrator failed', details: event.Details };
        break;
      case EventType.ExecutionTerminated:
        this.status = 'Terminated';
        this.output = event.Input;
        break;
      case EventType.ExecutionSuspended:
        this.status = 'Suspended';
        break;
      case EventType.ExecutionResumed:
        this.status = 'Running';
        break;
      case EventType.GenericEvent:
        if (event.Name === 'CustomStatus') this.customStatus = event.Input;
        break;
      default:
        break;
    }
  }

  private schedule(event: HistoryEvent): void {
    const ext = event as HistoryEvent & ScheduleExtras;
    const kind: TaskKind = event.EventType === EventType.TaskScheduled ? 'activity'
      : event.EventType === EventType.TimerCreated ? 'timer' : 'subOrchestration';
    const task: ScheduledTask = {
      id: event.EventId, kind, name: event.Name, input: event.Input, fireAt: event.FireAt, instanceId: event.InstanceId,
      retry: ext.Retry, retryOf: ext.RetryOf, finalFireAt: ext.FinalFireAt, isRetryTimer: ext.IsRetryTimer, notBefore: ext.NotBefore,
    };
    this.tasks.set(task.id, task);
    this.open.set(task.id, task);
    this.nextSeq = Math.max(this.nextSeq, event.EventId + 1);
    if (!ext.Continuation) this.actionLog.push(event);
  }

  private sendToEntity(event: HistoryEvent): void {
    const request = JSON.parse(event.Input ?? '{}') as { id: string; signal: boolean };
    const task: ScheduledTask = {
      id: event.EventId, kind: request.signal ? 'entitySignal' : 'entityCall', instanceId: event.InstanceId, request: event.Input,
    };
    this.tasks.set(task.id, task);
    this.nextSeq = Math.max(this.nextSeq, event.EventId + 1);
    this.actionLog.push(event);
    if (request.signal) {
      this.entitySignals.push(task);
    } else {
      this.entityCalls.add(request.id);
      this.openEntityCalls.set(request.id, task);
    }
  }

  /** An answer for an entity call that was already answered (a redelivery). */
  isStaleEntityAnswer(event: HistoryEvent): boolean {
    return event.EventType === EventType.EventRaised && !!event.Name
      && this.entityCalls.has(event.Name) && !this.openEntityCalls.has(event.Name);
  }

  private complete(id: number | undefined, failed: boolean): void {
    if (id === undefined) return;
    const task = this.open.get(id);
    this.open.delete(id);
    if (failed && task?.retry) {
      const group = task.retryOf ?? task.id;
      this.failedAttempts.set(group, (this.failedAttempts.get(group) ?? 0) + 1);
    }
  }

  /** Whether a completion for this task id would be new (not a duplicate delivery). */
  isOpen(id: number | undefined): boolean {
    return id !== undefined && this.open.has(id);
  }
}

/** Engine bookkeeping stored on scheduling events; durable-functions ignores these fields. */
export interface ScheduleExtras {
  /** Made by the engine on behalf of a retry or a long timer, not by an orchestrator action. */
  Continuation?: boolean;
  Retry?: RetryOptionsWire;
  RetryOf?: number;
  FinalFireAt?: string;
  IsRetryTimer?: boolean;
  NotBefore?: string;
}
