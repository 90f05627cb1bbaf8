import { canTransition, isTerminal, NotFoundError, withStatus, type JobRecord, type JobStatus } from '../model';
import { SetStatusInput, type SetStatusResult } from './contracts';
import type { ActivityDeps } from './deps';

/**
 * `JobSetStatus`: moves the job's record to a status — through the `via` statuses first, each
 * recorded with its own history entry, all in one ETag-conditioned write. Safe to run twice (a
 * record already there is left alone, and one already part of the way along `via` goes on from
 * there), and it yields to changes made by others: when the job is CancelRequested or has ended,
 * it reports that status instead of failing, and the orchestration follows it.
 */
export async function setStatus(deps: Pick<ActivityDeps, 'jobs' | 'clock'>, raw: unknown): Promise<SetStatusResult> {
  const input = SetStatusInput.parse(raw);
  const path = [...(input.via ?? []), input.to];
  try {
    const next = await deps.jobs.update(input.job, (current) => {
      const steps = stepsLeft(current, path);
      if (steps.length === 0) throw new Unchanged(current);
      const at = deps.clock.now();
      return steps.reduce((record, status) => withStatus(record, status, {
        at,
        ...(status === input.to && input.reason !== undefined && { reason: input.reason }),
        ...(status === input.to && input.error !== undefined && { error: input.error }),
      }), current);
    });
    return { status: next.status, changed: true, ...reasonOf(next) };
  } catch (err) {
    if (err instanceof Unchanged) return { status: err.record.status, changed: false, ...reasonOf(err.record) };
    if (err instanceof NotFoundError) throw new NotFoundError(`job ${input.job}: no record in the job store; the job was deleted while it ran`, { cause: err });
    throw err;
  }
}

/**
 * The statuses of `path` still to record: none when the job is already at its end, or when it was
 * moved to CancelRequested or ended and cannot take the next step (the orchestration follows it).
 */
function stepsLeft(current: JobRecord, path: JobStatus[]): JobStatus[] {
  const reached = path.lastIndexOf(current.status);
  const steps = path.slice(reached + 1);
  const first = steps[0];
  if (first === undefined) return [];
  if (!canTransition(current.status, first) && (current.status === 'CancelRequested' || isTerminal(current.status))) return [];
  return steps;
}

/** Thrown inside the update to leave the record as it is (nothing is written). */
class Unchanged extends Error {
  constructor(readonly record: JobRecord) {
    super(`job ${record.name} is already ${record.status}`);
  }
}

function reasonOf(record: JobRecord): { reason?: string } {
  const reason = record.statusHistory[record.statusHistory.length - 1]?.reason;
  return reason === undefined ? {} : { reason };
}
