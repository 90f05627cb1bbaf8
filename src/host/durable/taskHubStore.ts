import type { HistoryEvent } from './historyEvents';
import type { RuntimeStatus } from './instanceState';

/** The row that answers status queries. History is the truth; this is its projection. */
export interface InstanceRecord {
  instanceId: string;
  name: string;
  runtimeStatus: RuntimeStatus;
  executionId: string;
  input?: string;
  output?: string;
  customStatus?: string;
  createdTime: string;
  lastUpdatedTime: string;
  parentInstanceId?: string;
  /** The parent's task id for this sub-orchestration, to route its completion. */
  parentTaskId?: number;
}

export interface InstanceQuery {
  runtimeStatus?: RuntimeStatus[];
  createdTimeFrom?: string;
  createdTimeTo?: string;
  instanceIdPrefix?: string;
  /** Entities are instances internally (`@name@key`); listings of orchestrations leave them out. */
  excludeEntities?: boolean;
  pageSize?: number;
  continuationToken?: string;
}

export interface InstancePage {
  instances: InstanceRecord[];
  continuationToken?: string;
}

export interface StoredHistory {
  events: HistoryEvent[];
  /** Opaque position for the next conditional append. */
  position: number;
}

export interface InboxMessage {
  messageId: string;
  event: HistoryEvent;
}

export class HistoryConflictError extends Error {
  override readonly name = 'HistoryConflictError';
}

/**
 * Durable state of one task hub. Contract:
 * - `appendHistory` is atomic per call and conditional on `position`: two writers can never both
 *   extend the same history from the same position (HistoryConflictError for the loser).
 * - `putInstance` with `ifAbsentOrTerminal` creates the row only when no row exists or the existing
 *   one is finished; it answers false otherwise.
 * - Inbox messages survive a crash until `deleteInbox` removes them after they were consumed.
 */
export interface TaskHubStore {
  init(): Promise<void>;
  readInstance(instanceId: string): Promise<InstanceRecord | undefined>;
  putInstance(record: InstanceRecord, options?: { ifAbsentOrTerminal?: boolean }): Promise<boolean>;
  queryInstances(query: InstanceQuery): Promise<InstancePage>;
  readHistory(instanceId: string, executionId: string): Promise<StoredHistory>;
  appendHistory(instanceId: string, executionId: string, events: HistoryEvent[], position: number): Promise<number>;
  addInbox(instanceId: string, event: HistoryEvent): Promise<string>;
  readInbox(instanceId: string): Promise<InboxMessage[]>;
  deleteInbox(instanceId: string, messageIds: string[]): Promise<void>;
  /** Removes the instance row, all its executions' history and its inbox. */
  purge(instanceId: string): Promise<boolean>;
}
