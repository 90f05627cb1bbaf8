/**
 * Durable Task history events in the PascalCase wire form durable-functions replays against.
 * Numbers are the Durable Task Framework's `EventType` values.
 */
export const EventType = {
  ExecutionStarted: 0,
  ExecutionCompleted: 1,
  ExecutionFailed: 2,
  ExecutionTerminated: 3,
  TaskScheduled: 4,
  TaskCompleted: 5,
  TaskFailed: 6,
  SubOrchestrationInstanceCreated: 7,
  SubOrchestrationInstanceCompleted: 8,
  SubOrchestrationInstanceFailed: 9,
  TimerCreated: 10,
  TimerFired: 11,
  OrchestratorStarted: 12,
  OrchestratorCompleted: 13,
  EventSent: 14,
  EventRaised: 15,
  ContinueAsNew: 16,
  GenericEvent: 17,
  HistoryState: 18,
  ExecutionSuspended: 19,
  ExecutionResumed: 20,
} as const;
export type EventType = (typeof EventType)[keyof typeof EventType];

export interface HistoryEvent {
  EventType: EventType;
  EventId: number;
  IsPlayed: boolean;
  Timestamp: string;
  Name?: string;
  Input?: string;
  Result?: string;
  Reason?: string;
  Details?: string;
  TaskScheduledId?: number;
  TimerId?: number;
  FireAt?: string;
  InstanceId?: string;
  OrchestrationStatus?: string;
  ParentInstanceId?: string;
  /** Engine bookkeeping, ignored by the library: id of the message that produced this event. */
  MessageId?: string;
}

/** Events the engine receives from outside an episode (completions, external messages). */
export type InboundEvent = HistoryEvent;

export function historyEvent(type: EventType, timestamp: string, fields: Partial<HistoryEvent> = {}): HistoryEvent {
  return { EventType: type, EventId: -1, IsPlayed: false, Timestamp: timestamp, ...fields };
}

export const COMPLETION_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  EventType.TaskCompleted,
  EventType.TaskFailed,
  EventType.SubOrchestrationInstanceCompleted,
  EventType.SubOrchestrationInstanceFailed,
]);

/** The id a completion event refers to (TaskScheduledId, or TimerId for timers). */
export function completedTaskId(event: HistoryEvent): number | undefined {
  if (COMPLETION_TYPES.has(event.EventType)) return event.TaskScheduledId;
  if (event.EventType === EventType.TimerFired) return event.TimerId;
  return undefined;
}

export function eventTypeName(type: number): string {
  return Object.entries(EventType).find(([, value]) => value === type)?.[0] ?? `EventType${type}`;
}
