import {
  type Action, ActionType, actionLabel, consumesSequenceNumber, encodedInput, flattenActions, type OrchestratorState,
} from './actions';
import { completedTaskId, EventType, eventTypeName, historyEvent, type HistoryEvent } from './historyEvents';
import { InstanceState, type ScheduleExtras, type ScheduledTask } from './instanceState';
import { DURABLE_HTTP_ACTIVITY, pollingFollowUp } from './durableHttp';
import { retryDelayMs } from './retry';

export interface TimerSettings {
  maximumShortTimerMs: number;
  longRunningTimerIntervalMs: number;
}

/** What the orchestrator function answered for one replay. */
export type OrchestratorOutcome =
  | { kind: 'state'; state: OrchestratorState; reyielded?: string[] }
  | { kind: 'failed'; message: string; details?: string; state?: OrchestratorState };

export interface EpisodePlan {
  /** Events appended before the replay (OrchestratorStarted + accepted messages). */
  inbound: HistoryEvent[];
  /** Whether the orchestrator function must run for this episode. */
  needsReplay: boolean;
  /** Messages kept for later (the instance is suspended). */
  held: HistoryEvent[];
  /** Messages dropped as duplicates or as addressed to a finished instance. */
  dropped: HistoryEvent[];
}

export interface EpisodeDecision {
  /** Events appended after the replay: scheduled work, completion, OrchestratorCompleted. */
  outbound: HistoryEvent[];
  /** Newly scheduled tasks, to dispatch once the episode is committed. */
  scheduled: ScheduledTask[];
  customStatus: unknown;
  continueAsNew?: { input: string | undefined };
}

const CONTROL_TYPES = new Set<number>([EventType.ExecutionTerminated, EventType.ExecutionSuspended, EventType.ExecutionResumed]);

/**
 * One orchestration episode, as the Durable Task Framework runs it: accept new messages, replay the
 * orchestrator over the whole history, turn its new actions into history events.
 *
 * Sequence numbers must match the ones durable-functions gives its tasks. The library numbers tasks
 * as it meets them while replaying: new tasks when user code resumes, and retry timers / retried
 * attempts / long-timer chunks when it processes a failure or a timer. The engine therefore places
 * the messages that make such continuation tasks after all other messages of the episode, and
 * numbers the orchestrator's new actions first and the continuation tasks after them — the same
 * order in which the library meets them.
 */
export class Episode {
  private readonly state: InstanceState;
  private plan: EpisodePlan | undefined;
  private continuations: HistoryEvent[] = [];

  constructor(
    state: InstanceState,
    private readonly instanceId: string,
    private readonly now: string,
    private readonly timers: TimerSettings,
    /** Ids for entity requests (recorded in history, so never needed again on replay). */
    private readonly requestId: (eventId: number, request: { target?: string; op?: string; input?: string }) => string
      = () => { throw new Error('Episode needs an id source for entity operations'); },
  ) {
    this.state = state;
  }

  prepare(messages: readonly HistoryEvent[]): EpisodePlan {
    const held: HistoryEvent[] = [];
    const dropped: HistoryEvent[] = [];
    const normal: HistoryEvent[] = [];
    const continuations: HistoryEvent[] = [];
    const control: HistoryEvent[] = [];
    const seenTaskIds = new Set<number>();
    let started = this.state.status !== 'Pending';

    for (const message of messages) {
      if (message.MessageId && this.state.consumedMessages.has(message.MessageId)) { dropped.push(message); continue; }
      if (message.EventType === EventType.ExecutionStarted) {
        if (started) dropped.push(message); else { normal.unshift(message); started = true; }
        continue;
      }
      if (this.state.isTerminal) { dropped.push(message); continue; }
      if (CONTROL_TYPES.has(message.EventType)) { control.push(message); continue; }
      if (this.state.isStaleEntityAnswer(message)) { dropped.push(message); continue; }
      const taskId = completedTaskId(message);
      if (taskId !== undefined) {
        if (!this.state.isOpen(taskId) || seenTaskIds.has(taskId)) { dropped.push(message); continue; }
        seenTaskIds.add(taskId);
      }
      (this.makesContinuation(message) ? continuations : normal).push(message);
    }

    const terminate = control.find((m) => m.EventType === EventType.ExecutionTerminated);
    const inbound: HistoryEvent[] = [historyEvent(EventType.OrchestratorStarted, this.now)];
    if (terminate) {
      inbound.push(terminate);
      dropped.push(...normal.filter((m) => m.EventType !== EventType.ExecutionStarted), ...continuations);
      this.plan = { inbound, needsReplay: false, held, dropped };
      return this.plan;
    }
    let suspended = this.state.status === 'Suspended';
    for (const event of control) {
      if (event.EventType === EventType.ExecutionSuspended && !suspended) { inbound.push(event); suspended = true; }
      if (event.EventType === EventType.ExecutionResumed && suspended) { inbound.push(event); suspended = false; }
    }
    if (suspended) {
      held.push(...normal.filter((m) => m.EventType !== EventType.ExecutionStarted), ...continuations);
      const start = normal.find((m) => m.EventType === EventType.ExecutionStarted);
      if (start) inbound.splice(1, 0, start);
      this.plan = { inbound, needsReplay: false, held, dropped };
      return this.plan;
    }
    inbound.push(...normal, ...continuations);
    this.continuations = continuations;
    const needsReplay = normal.length > 0 || continuations.length > 0 || control.length > 0;
    this.plan = { inbound, needsReplay, held, dropped };
    return this.plan;
  }

  /** Whether the library will track a new task (not resume user code) when it meets this message. */
  private makesContinuation(message: HistoryEvent): boolean {
    const task = this.state.tasks.get(completedTaskId(message) ?? -1);
    if (!task) return false;
    if (message.EventType === EventType.TaskFailed || message.EventType === EventType.SubOrchestrationInstanceFailed) {
      return task.retry !== undefined;
    }
    if (message.EventType === EventType.TaskCompleted) {
      return task.name === DURABLE_HTTP_ACTIVITY && pollingFollowUp(task.input, message.Result) !== undefined;
    }
    if (message.EventType !== EventType.TimerFired) return false;
    if (task.isRetryTimer) {
      const group = this.state.tasks.get(task.retryOf ?? -1);
      const failures = this.state.failedAttempts.get(task.retryOf ?? -1) ?? 0;
      return group?.retry !== undefined && failures < group.retry.maxNumberOfAttempts;
    }
    return task.finalFireAt !== undefined && Date.parse(task.finalFireAt) > Date.parse(this.now);
  }

  /** Folds the replay's answer into history events and work to dispatch. */
  decide(outcome: OrchestratorOutcome): EpisodeDecision {
    if (!this.plan) throw new Error('Episode.decide called before prepare');
    for (const event of this.plan.inbound) {
      if (!this.continuations.includes(event)) this.state.apply(event);
    }
    const outbound: HistoryEvent[] = [];
    const scheduled: ScheduledTask[] = [];
    const add = (event: HistoryEvent): void => {
      outbound.push(event);
      this.state.apply(event);
      const task = this.state.tasks.get(event.EventId);
      if (task && isScheduling(event)) scheduled.push(task);
    };

    if (!this.plan.needsReplay) {
      outbound.push(historyEvent(EventType.OrchestratorCompleted, this.now));
      return { outbound, scheduled, customStatus: undefined };
    }
    const state = outcome.state;
    const actions = state ? flattenActions(state) : [];
    const mismatch = this.findNonDeterminism(actions, outcome);
    let failure: { reason: string; details?: string } | undefined =
      outcome.kind === 'failed' ? { reason: outcome.message, details: outcome.details } : undefined;
    if (mismatch) failure = { reason: mismatch };

    let continueAsNew: EpisodeDecision['continueAsNew'];
    if (!failure) {
      let numbered = 0;
      for (const action of actions) {
        if (action.actionType === ActionType.ContinueAsNew) { continueAsNew = { input: encodedInput(action) }; continue; }
        if (!consumesSequenceNumber(action) || numbered++ < this.state.actionLog.length) continue;
        const unsupported = this.scheduleAction(action, add);
        if (unsupported) { failure = { reason: unsupported }; break; }
      }
    }
    if (!failure) {
      for (const message of this.continuations) {
        this.state.apply(message);
        this.continueTask(message, add);
      }
    }

    if (failure) {
      add(historyEvent(EventType.ExecutionCompleted, this.now, {
        OrchestrationStatus: 'Failed', Reason: failure.reason, Details: failure.details,
        Result: JSON.stringify(failure.reason),
      }));
    } else if (continueAsNew) {
      add(historyEvent(EventType.ExecutionCompleted, this.now, { OrchestrationStatus: 'ContinuedAsNew', Result: continueAsNew.input }));
    } else if (state?.isDone) {
      add(historyEvent(EventType.ExecutionCompleted, this.now, {
        OrchestrationStatus: 'Completed', Result: state.output === undefined ? 'null' : JSON.stringify(state.output),
      }));
    }
    outbound.push(historyEvent(EventType.OrchestratorCompleted, this.now));
    return { outbound, scheduled: failure ? [] : scheduled, customStatus: state?.customStatus, continueAsNew: failure ? undefined : continueAsNew };
  }

  private findNonDeterminism(actions: Action[], outcome: OrchestratorOutcome): string | undefined {
    const numbered = actions.filter(consumesSequenceNumber);
    const log = this.state.actionLog;
    for (let i = 0; i < Math.min(numbered.length, log.length); i++) {
      const action = numbered[i]!;
      const recorded = log[i]!;
      if (kindOf(action) !== recorded.EventType || (action.functionName ?? recorded.Name) !== recorded.Name) {
        return `Non-deterministic workflow detected: step ${i} of the history is ${describeEvent(recorded)} but the orchestrator code now does ${actionLabel(action)}. `
          + 'Orchestrator code must not change the order or names of the work it schedules while instances are running.';
      }
    }
    if (numbered.length < log.length && outcome.kind === 'state') {
      const missing = log[numbered.length]!;
      return `Non-deterministic workflow detected: the history has ${describeEvent(missing)} at step ${numbered.length} but the orchestrator code no longer schedules it.`;
    }
    return undefined;
  }

  /** Returns an error text when the action cannot run here. */
  private scheduleAction(action: Action, add: (e: HistoryEvent) => void): string | undefined {
    const id = (): number => this.state.nextSeq;
    switch (action.actionType) {
      case ActionType.CallActivity:
      case ActionType.CallActivityWithRetry:
        add(scheduling(EventType.TaskScheduled, id(), this.now, {
          Name: action.functionName, Input: encodedInput(action), Retry: action.retryOptions,
        }));
        return undefined;
      case ActionType.CallSubOrchestrator:
      case ActionType.CallSubOrchestratorWithRetry: {
        const eventId = id();
        add(scheduling(EventType.SubOrchestrationInstanceCreated, eventId, this.now, {
          Name: action.functionName, Input: encodedInput(action), Retry: action.retryOptions,
          InstanceId: action.instanceId ?? this.childInstanceId(eventId),
        }));
        return undefined;
      }
      case ActionType.CreateTimer: {
        const fireAt = new Date(action.fireAt ?? this.now).toISOString();
        add(scheduling(EventType.TimerCreated, id(), this.now, this.timerChunk(fireAt)));
        return undefined;
      }
      case ActionType.CallEntity:
      case ActionType.SignalEntity: {
        const signal = action.actionType === ActionType.SignalEntity;
        const eventId = id();
        const input = action.input === undefined ? undefined : JSON.stringify(action.input);
        const request = {
          id: this.requestId(eventId, { target: action.instanceId, op: action.operation, input }),
          op: action.operation, signal, parent: signal ? undefined : this.instanceId, input,
        };
        add(scheduling(EventType.EventSent, eventId, this.now, { Name: 'op', InstanceId: action.instanceId, Input: JSON.stringify(request) }));
        return undefined;
      }
      case ActionType.CallHttp:
        add(scheduling(EventType.TaskScheduled, id(), this.now, { Name: DURABLE_HTTP_ACTIVITY, Input: JSON.stringify(action.httpRequest) }));
        return undefined;
      case ActionType.WaitForExternalEvent:
      case ActionType.ContinueAsNew:
        return undefined;
      default:
        return `${actionLabel(action)} is not supported by the durable-jobs local host yet.`;
    }
  }

  private childInstanceId(eventId: number): string {
    return `${this.instanceId}:${eventId.toString(16).padStart(4, '0')}`;
  }

  /** A timer further away than the maximum short timer is split into chunks, as the library does. */
  private timerChunk(finalFireAt: string): Partial<HistoryEvent> & ScheduleExtras {
    const now = Date.parse(this.now);
    const final = Date.parse(finalFireAt);
    if (final - now > this.timers.maximumShortTimerMs) {
      return { FireAt: new Date(now + this.timers.longRunningTimerIntervalMs).toISOString(), FinalFireAt: finalFireAt };
    }
    return { FireAt: finalFireAt };
  }

  /** Creates the task the library tracks when it meets a continuation message. */
  private continueTask(message: HistoryEvent, add: (e: HistoryEvent) => void): void {
    const task = this.state.tasks.get(completedTaskId(message) ?? -1);
    if (!task) return;
    if (message.EventType === EventType.TaskCompleted) {
      // 202 + Location: the library now tracks a timer and a new request, in that order.
      const followUp = pollingFollowUp(task.input, message.Result)!;
      const fireAt = new Date(Date.parse(this.now) + followUp.delayMs).toISOString();
      add(scheduling(EventType.TimerCreated, this.state.nextSeq, this.now, { FireAt: fireAt, Continuation: true }));
      add(scheduling(EventType.TaskScheduled, this.state.nextSeq, this.now, {
        Name: DURABLE_HTTP_ACTIVITY, Input: JSON.stringify(followUp.request), NotBefore: fireAt, Continuation: true,
      }));
      return;
    }
    if (message.EventType === EventType.TaskFailed || message.EventType === EventType.SubOrchestrationInstanceFailed) {
      const group = task.retryOf ?? task.id;
      const failures = this.state.failedAttempts.get(group) ?? 1;
      const fireAt = new Date(Date.parse(this.now) + retryDelayMs(task.retry!, failures)).toISOString();
      add(scheduling(EventType.TimerCreated, this.state.nextSeq, this.now, {
        FireAt: fireAt, Continuation: true, IsRetryTimer: true, RetryOf: group,
      }));
      return;
    }
    if (task.isRetryTimer) {
      const first = this.state.tasks.get(task.retryOf ?? -1)!;
      const eventId = this.state.nextSeq;
      const type = first.kind === 'activity' ? EventType.TaskScheduled : EventType.SubOrchestrationInstanceCreated;
      add(scheduling(type, eventId, this.now, {
        Name: first.name, Input: first.input, Retry: first.retry, RetryOf: first.id, Continuation: true,
        InstanceId: first.kind === 'subOrchestration' ? first.instanceId : undefined,
      }));
      return;
    }
    if (task.finalFireAt) {
      add(scheduling(EventType.TimerCreated, this.state.nextSeq, this.now, {
        ...this.timerChunk(task.finalFireAt), FinalFireAt: task.finalFireAt, Continuation: true,
      }));
    }
  }
}

function scheduling(type: EventType, eventId: number, now: string, fields: Partial<HistoryEvent> & ScheduleExtras): HistoryEvent {
  const event = historyEvent(type, now, { ...fields, EventId: eventId }) as HistoryEvent & ScheduleExtras;
  for (const key of Object.keys(event) as Array<keyof typeof event>) {
    if (event[key] === undefined) delete event[key];
  }
  return event;
}

function isScheduling(event: HistoryEvent): boolean {
  return event.EventType === EventType.TaskScheduled || event.EventType === EventType.TimerCreated
    || event.EventType === EventType.SubOrchestrationInstanceCreated || event.EventType === EventType.EventSent;
}

function kindOf(action: Action): number {
  switch (action.actionType) {
    case ActionType.CallActivity:
    case ActionType.CallActivityWithRetry:
      return EventType.TaskScheduled;
    case ActionType.CallSubOrchestrator:
    case ActionType.CallSubOrchestratorWithRetry:
      return EventType.SubOrchestrationInstanceCreated;
    case ActionType.CreateTimer:
      return EventType.TimerCreated;
    case ActionType.CallHttp:
      return EventType.TaskScheduled;
    default:
      return EventType.EventSent;
  }
}

function describeEvent(event: HistoryEvent): string {
  const type = eventTypeName(event.EventType);
  return event.Name ? `${type}("${event.Name}")` : type;
}
