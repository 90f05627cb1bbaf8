import { ValidationError } from './errors';
import type { JobRecord } from './jobRecord';
import { isTerminal } from './status';

/**
 * Redrive (as in AWS Step Functions; Azure ML has none): a finished parallel job runs again, only
 * the mini-batches that did not succeed. It is the one way back from a terminal status: the record
 * returns to Queued with the reason `redrive`, its `endedAt` and `error` cleared. Everything else
 * still follows the transition table.
 */

export const REDRIVE_STATUS_REASON = 'redrive';

/** The record queued again for a redrive; ValidationError when the job cannot be redriven. */
export function withRedrive(record: JobRecord, at: Date): JobRecord {
  const problem = redriveProblem(record);
  if (problem !== undefined) throw new ValidationError([{ path: 'status', message: problem }], { summary: `job ${record.name} cannot be redriven` });
  const { endedAt: _endedAt, error: _error, ...rest } = record;
  return { ...rest, status: 'Queued', statusHistory: [...record.statusHistory, { status: 'Queued', at: at.toISOString(), reason: REDRIVE_STATUS_REASON }] };
}

/** Why `record` cannot be redriven, or undefined. */
export function redriveProblem(record: JobRecord): string | undefined {
  if (record.type !== 'parallel') return `only parallel jobs can be redriven; ${record.name} is a ${record.type} job`;
  if (!isTerminal(record.status)) return `the job is ${record.status}; only a finished job (Completed, Failed or Canceled) can be redriven`;
  const progress = record.progress;
  if (progress !== undefined && progress.miniBatches.total > 0 && progress.miniBatches.succeeded >= progress.miniBatches.total) {
    return `all ${progress.miniBatches.total} mini-batches succeeded; there is nothing to redrive`;
  }
  return undefined;
}

/** True when `next` is `current` queued again by withRedrive. */
export function isRedrive(current: JobRecord, next: JobRecord): boolean {
  const last = next.statusHistory[next.statusHistory.length - 1];
  return current.type === 'parallel' && isTerminal(current.status) && next.status === 'Queued'
    && next.statusHistory.length === current.statusHistory.length + 1 && last?.reason === REDRIVE_STATUS_REASON;
}
