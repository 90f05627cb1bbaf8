import { EventType, type HistoryEvent } from './historyEvents';

/** The only event types durable-functions looks at while replaying. */
const REPLAYED = new Set<number>([
  EventType.ExecutionStarted, EventType.OrchestratorStarted, EventType.ContinueAsNew, EventType.EventSent,
  EventType.EventRaised, EventType.TaskCompleted, EventType.TaskFailed, EventType.TimerFired,
  EventType.SubOrchestrationInstanceCompleted, EventType.SubOrchestrationInstanceFailed,
]);

/**
 * The history as the orchestrator replays it, kept serialized. Replay is O(history) per episode, so
 * two things keep it cheap: events the library ignores (TaskScheduled, TimerCreated,
 * OrchestratorCompleted …) are left out, and each event is serialized once, not once per episode.
 * Serializing also gives the library the private copy it needs (it mutates what it is given).
 */
export class ReplayLog {
  private readonly parts: string[] = [];

  constructor(events: readonly HistoryEvent[] = []) {
    this.append(events);
  }

  append(events: readonly HistoryEvent[]): void {
    for (const event of events) if (REPLAYED.has(event.EventType)) this.parts.push(serialize(event));
  }

  /** JSON array of the logged events followed by `pending` (not yet committed). */
  toJson(pending: readonly HistoryEvent[] = []): string {
    const extra = pending.filter((e) => REPLAYED.has(e.EventType)).map(serialize);
    return `[${[...this.parts, ...extra].join(',')}]`;
  }
}

/** Fields durable-functions reads, per event type; everything else only costs replay time. */
const FIELDS: Partial<Record<number, ReadonlyArray<keyof HistoryEvent>>> = {
  [EventType.OrchestratorStarted]: ['Timestamp'],
  [EventType.ExecutionStarted]: ['Name'],
  [EventType.TaskCompleted]: ['TaskScheduledId', 'Result'],
  [EventType.TaskFailed]: ['TaskScheduledId', 'Reason', 'Details'],
  [EventType.SubOrchestrationInstanceCompleted]: ['TaskScheduledId', 'Result'],
  [EventType.SubOrchestrationInstanceFailed]: ['TaskScheduledId', 'Reason', 'Details'],
  [EventType.TimerFired]: ['TimerId', 'FireAt'],
  [EventType.EventRaised]: ['Name', 'Input'],
  [EventType.EventSent]: ['EventId', 'Name', 'Input', 'InstanceId'],
};

function serialize(event: HistoryEvent): string {
  const wire: Record<string, unknown> = { EventType: event.EventType };
  for (const field of FIELDS[event.EventType] ?? []) {
    if (event[field] !== undefined) wire[field] = event[field];
  }
  return JSON.stringify(wire);
}
