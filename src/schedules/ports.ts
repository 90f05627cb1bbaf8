import type { ScheduleRecord } from './model/scheduleRecord';

/**
 * Where schedules are kept (Cosmos DB, container COSMOS_SCHEDULES_CONTAINER; an in-memory fake
 * for tests). Contract, checked against every adapter by test/schedules/scheduleStoreConformance.ts:
 * - `create` refuses a taken name (ConflictError); invalid names and records are ValidationErrors.
 * - `update` reads, applies `change` and writes conditioned on the ETag it read; when another
 *   writer got there first it reads again and re-applies, up to a few attempts (then
 *   ConflictError). `change` returning undefined leaves the record as it is. Unknown schedule →
 *   NotFoundError; `change` may not rename the schedule.
 * - `delete` with an `etag` deletes only that version (ConflictError otherwise); false when there
 *   was nothing to delete.
 * - `list` is by name, paged; `listDue` gives the enabled schedules whose next tick is at or
 *   before `now`.
 * - Records come back parsed, with `_etag`; a stored document that does not parse is a
 *   NonRetryableError naming the schedule.
 */
export interface ScheduleStore {
  init(): Promise<void>;
  create(record: ScheduleRecord): Promise<ScheduleRecord>;
  get(name: string): Promise<ScheduleRecord | undefined>;
  update(name: string, change: (current: ScheduleRecord) => ScheduleRecord | undefined): Promise<ScheduleRecord>;
  delete(name: string, etag?: string): Promise<boolean>;
  list(query?: ScheduleQuery): Promise<SchedulePage>;
  listDue(now: Date): Promise<ScheduleRecord[]>;
}

export interface ScheduleQuery {
  /** Page size, 1–1000 (default 100). */
  top?: number;
  continuationToken?: string;
}

export interface SchedulePage {
  schedules: ScheduleRecord[];
  continuationToken?: string;
}
