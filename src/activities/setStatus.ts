import { canTransition, InvalidTransitionError, isTerminal, NotFoundError, type JobRecord } from '../model';
import { SetStatusInput, type SetStatusResult } from './contracts';
import type { ActivityDeps } from './deps';

/**
 * `JobSetStatus`: moves the job's record to a status through `JobStore.transition`. Safe to run
 * twice (a record already there is left alone), and it yields to changes made by others: when the
 * job is CancelRequested or has ended, it reports that status instead of failing, and the
 * orchestration follows it.
 */
export async function setStatus(deps: ActivityDeps, raw: unknown): Promise<SetStatusResult> {
  const input = SetStatusInput.parse(raw);
  for (let attempt = 0; ; attempt++) {
    const current = await deps.jobs.get(input.job);
    if (current === undefined) throw new NotFoundError(`job ${input.job}: no record in the job store; the job was deleted while it ran`);
    if (current.status === input.to) return unchanged(current);
    if (!canTransition(current.status, input.to) && (current.status === 'CancelRequested' || isTerminal(current.status))) return unchanged(current);
    try {
      const next = await deps.jobs.transition(input.job, input.to, {
        at: deps.clock.now(),
        ...(input.reason !== undefined && { reason: input.reason }),
        ...(input.error !== undefined && { error: input.error }),
      });
      return { status: next.status, changed: true, ...reasonOf(next) };
    } catch (err) {
      // The record changed between our read and the write (say, a cancel came in): look again.
      if (!(err instanceof InvalidTransitionError) || attempt >= 2) throw err;
    }
  }
}

function unchanged(record: JobRecord): SetStatusResult {
  return { status: record.status, changed: false, ...reasonOf(record) };
}

function reasonOf(record: JobRecord): { reason?: string } {
  const reason = record.statusHistory[record.statusHistory.length - 1]?.reason;
  return reason === undefined ? {} : { reason };
}
