import type { z } from 'zod';
import { ConflictError, NonRetryableError, ValidationError, type ValidationIssue } from '../../model/errors';
import { JobName } from '../../model/names';
import { JobRecord, withStatus, type StatusChangeOptions } from '../../model/jobRecord';
import { isRedrive } from '../../model/redrive';
import { assertTransition, type JobStatus } from '../../model/status';
import { formatPath } from '../../model/specIssues';

/**
 * The rules every JobStore applies whatever keeps the data (Cosmos DB or the in-memory fake), so
 * both adapters behave alike and pass the same conformance suite.
 */

/** Job names are document ids, URL segments and blob prefixes: anything else cannot exist. */
export function checkJobName(name: string): void {
  const result = JobName.safeParse(name);
  if (!result.success) throw new ValidationError([{ path: 'name', message: `${JSON.stringify(name)}: ${result.error.issues[0]?.message}` }], { summary: 'invalid job name' });
}

/** JSON with object keys sorted and undefined members dropped: equal specs give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) => {
    if (member === null || typeof member !== 'object' || Array.isArray(member)) return member;
    const entries = Object.entries(member as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

/** The outcome of `create` when the name is taken: the same spec is a duplicate submission, another is a conflict. */
export function resolveExisting(existing: JobRecord, submitted: JobRecord): { record: JobRecord; created: false } {
  if (canonicalJson(existing.spec) === canonicalJson(submitted.spec)) return { record: existing, created: false };
  throw new ConflictError(
    `job "${submitted.name}" already exists with a different spec; resubmit the identical spec to get the existing job, ` +
      'or submit under another name (or without a name, to get a generated one)',
  );
}

/** A record about to be written: valid, and still the same job. ValidationError otherwise. */
export function checkRecord(record: JobRecord, name: string, what: string): JobRecord {
  if (record.name !== name) {
    throw new ValidationError([{ path: 'name', message: `${what} changed the name from "${name}" to "${record.name}"; a job keeps its name` }], { summary: `job "${name}": ${what} is invalid` });
  }
  const result = JobRecord.safeParse(record);
  if (!result.success) throw new ValidationError(issuesOf(result.error), { summary: `job "${name}": ${what} is invalid` });
  return result.data;
}

/**
 * `update`'s change may move the status only along the transition table, like `transition` (or
 * redrive a parallel job). A change may pass through several statuses in one write when it
 * records each in the history: every step from the current status through the new entries must
 * then be in the table.
 */
export function checkStatusChange(current: JobRecord, next: JobRecord): void {
  if (next.status !== current.status && !isRedrive(current, next)) {
    const steps = next.statusHistory.slice(current.statusHistory.length).map((change) => change.status);
    let from = current.status;
    for (const to of steps.at(-1) === next.status ? steps : [next.status]) {
      assertTransition(from, to, `job ${current.name}`);
      from = to;
    }
  }
  if (next.statusHistory.length < current.statusHistory.length) {
    throw new ValidationError([{ path: 'statusHistory', message: `had ${current.statusHistory.length} entries, the change left ${next.statusHistory.length}; history is append-only` }], {
      summary: `job "${current.name}": the updated record is invalid`,
    });
  }
}

/** Fields that only `transition` (or nobody) may set; a patch naming one is a programming error. */
const UNPATCHABLE = ['id', 'name', 'type', 'spec', 'status', 'statusHistory', 'createdAt', '_etag'] as const;

export type TransitionOptions = StatusChangeOptions & { patch?: Partial<JobRecord> };

/** `current` moved to `to` (InvalidTransitionError if the table forbids it), then patched. */
export function applyTransition(current: JobRecord, to: JobStatus, options: TransitionOptions): JobRecord {
  const { patch, ...change } = options;
  const forbidden = UNPATCHABLE.filter((field) => patch !== undefined && field in patch);
  if (forbidden.length > 0) {
    const issues = forbidden.map((field) => ({ path: `patch.${field}`, message: `cannot be patched; patchable: anything but ${UNPATCHABLE.join(', ')}` }));
    throw new ValidationError(issues, { summary: `job "${current.name}": transition to ${to} with an invalid patch` });
  }
  return { ...withStatus(current, to, change), ...patch };
}

/** Parses a stored document. A malformed one is not the caller's fault and will not heal by retrying. */
export function parseStoredRecord(document: unknown, name: string, where: string): JobRecord {
  const result = JobRecord.safeParse(document);
  if (result.success) return result.data;
  const issues = issuesOf(result.error).map((issue) => `  ${issue.path || '(document)'}: ${issue.message}`);
  throw new NonRetryableError(`job "${name}": the stored record in ${where} is malformed; repair or delete that document:\n${issues.join('\n')}`, { cause: result.error });
}

function issuesOf(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}
