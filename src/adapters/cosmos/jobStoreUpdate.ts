import { setTimeout as sleep } from 'node:timers/promises';
import { ConflictError, NotFoundError } from '../../model/errors';
import type { JobRecord } from '../../model/jobRecord';
import { checkRecord, checkStatusChange } from './jobStoreRules';

/**
 * Optimistic concurrency for job records: read, apply the change, write conditioned on the ETag
 * that was read; when another writer got there first (the condition fails), read again and
 * re-apply. With n writers racing on one record, each succeeds within n attempts (every failure
 * means another writer succeeded). Errors thrown by `change` (InvalidTransitionError, …) pass
 * through unchanged and nothing is written.
 */

export const DEFAULT_MAX_ATTEMPTS = 5;

export interface EtagBackend {
  /** The current record, with `_etag`; undefined when there is none. */
  read(name: string): Promise<JobRecord | undefined>;
  /** Writes `next` if the stored ETag is still `etag`: the written record, or 'stale'. */
  replace(name: string, next: JobRecord, etag: string): Promise<JobRecord | 'stale'>;
}

export interface UpdateOptions {
  readonly maxAttempts?: number;
  /** Pause before attempt `attempt` (2, 3, …); default: random up to 5·2^attempt ms, to spread racing writers. */
  readonly backoffMs?: (attempt: number) => number;
}

export async function updateWithEtag(
  backend: EtagBackend,
  name: string,
  change: (current: JobRecord) => JobRecord,
  options: UpdateOptions = {},
): Promise<JobRecord> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const backoffMs = options.backoffMs ?? ((attempt: number) => Math.random() * 5 * 2 ** attempt);
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (attempt > 1) await sleep(backoffMs(attempt));
    const current = await backend.read(name);
    if (current === undefined) throw new NotFoundError(`job "${name}" does not exist`);
    if (current._etag === undefined) throw new Error(`job "${name}": the store returned the record without an _etag; cannot write it safely`);
    const next = change(structuredClone(current));
    checkStatusChange(current, next);
    const { _etag: _ignored, ...valid } = checkRecord(next, name, 'the updated record');
    const written = await backend.replace(name, valid, current._etag);
    if (written !== 'stale') return written;
  }
  throw new ConflictError(
    `job "${name}": gave up after ${maxAttempts} attempt${maxAttempts === 1 ? '' : 's'}; another writer changed the record before each write ` +
      '(ETag precondition failed every time). The change was not applied; retry it later.',
  );
}
