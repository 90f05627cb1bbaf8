import { setTimeout as sleep } from 'node:timers/promises';
import { ConflictError, NonRetryableError, NotFoundError, ValidationError } from '../../model/errors';
import { formatPath } from '../../model/specIssues';
import { ScheduleRecord } from '../../schedules/model/scheduleRecord';
import { ScheduleName } from '../../schedules/model/scheduleSpec';

/**
 * What every ScheduleStore does whatever keeps the data (Cosmos DB or the in-memory fake): names
 * and records checked before a write, stored documents parsed on every read, optimistic
 * concurrency on ETags, and paging tokens.
 */

export const DEFAULT_SCHEDULE_ATTEMPTS = 5;
export const MAX_SCHEDULE_PAGE = 1000;

export function checkScheduleName(name: string): void {
  const result = ScheduleName.safeParse(name);
  if (!result.success) throw new ValidationError([{ path: 'name', message: `${JSON.stringify(name)}: ${result.error.issues[0]?.message}` }], { summary: 'invalid schedule name' });
}

/** A record about to be written, without its `_etag`: valid, and still named `name`. */
export function checkScheduleRecord(record: ScheduleRecord, name: string): Omit<ScheduleRecord, '_etag'> {
  if (record.name !== name || record.id !== name) {
    throw new ValidationError([{ path: 'name', message: `the change renamed schedule "${name}" to "${record.name}"; a schedule keeps its name` }], { summary: `schedule "${name}": invalid record` });
  }
  const result = ScheduleRecord.safeParse(record);
  if (!result.success) {
    throw new ValidationError(result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })), { summary: `schedule "${name}": invalid record` });
  }
  const { _etag: _dropped, ...document } = result.data;
  return document;
}

/** A stored document as a record; a malformed one is not the caller's fault and will not heal by retrying. */
export function parseStoredSchedule(document: unknown, name: string, where: string): ScheduleRecord {
  const result = ScheduleRecord.safeParse(document);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `  ${formatPath(issue.path) || '(document)'}: ${issue.message}`);
  throw new NonRetryableError(`schedule "${name}": the stored record in ${where} is malformed; repair or delete that document:\n${issues.join('\n')}`, { cause: result.error });
}

export interface ScheduleEtagBackend {
  read(name: string): Promise<ScheduleRecord | undefined>;
  /** Writes `next` if the stored ETag is still `etag`: the written record, or 'stale'. */
  replace(name: string, next: Omit<ScheduleRecord, '_etag'>, etag: string): Promise<ScheduleRecord | 'stale'>;
}

/** Read, change, write on the ETag read; again on a lost race (each loss means another writer won). */
export async function updateSchedule(
  backend: ScheduleEtagBackend,
  name: string,
  change: (current: ScheduleRecord) => ScheduleRecord | undefined,
  maxAttempts = DEFAULT_SCHEDULE_ATTEMPTS,
): Promise<ScheduleRecord> {
  checkScheduleName(name);
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (attempt > 1) await sleep(Math.random() * 5 * 2 ** attempt);
    const current = await backend.read(name);
    if (current === undefined) throw new NotFoundError(`schedule ${name} does not exist`);
    const next = change(structuredClone(current));
    if (next === undefined) return current;
    const written = await backend.replace(name, checkScheduleRecord(next, name), current._etag ?? '');
    if (written !== 'stale') return written;
  }
  throw new ConflictError(`schedule "${name}": gave up after ${maxAttempts} attempts; another writer changed it before each write. Nothing was changed; try again.`);
}

export function schedulePageSize(top: number | undefined): number {
  if (top === undefined) return 100;
  if (Number.isInteger(top) && top >= 1 && top <= MAX_SCHEDULE_PAGE) return top;
  throw new ValidationError([{ path: 'top', message: `expected an integer from 1 to ${MAX_SCHEDULE_PAGE}, got ${String(top)}` }], { summary: 'invalid schedule query' });
}

export function encodeSchedulePosition(position: string): string {
  return Buffer.from(JSON.stringify({ schedules: position })).toString('base64url');
}

export function decodeSchedulePosition(token: string): string {
  try {
    const position = (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { schedules?: unknown }).schedules;
    if (typeof position === 'string') return position;
  } catch {
    // reported below
  }
  throw new ValidationError([{ path: 'continuationToken', message: 'is not a token this service issued; pass back the continuation token of the previous page unchanged' }], { summary: 'invalid schedule query' });
}
