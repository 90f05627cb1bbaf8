import { ConflictError, InvalidTransitionError, isTerminal, NotFoundError, type JobRecord } from '../model';
import { DEFAULT_CANCEL_REASON } from '../activities/names';
import type { Clock, JobStore } from '../ports';
import type { JobRunner } from './submit';

export interface CancelDeps {
  readonly jobs: JobStore;
  readonly runner: JobRunner;
  readonly clock: Clock;
}

/**
 * Asks a job to cancel: its record goes to CancelRequested (asking again is fine), and its
 * orchestration gets the `cancel` event, stops the run and ends the job Canceled. A job whose
 * orchestration never started is Canceled here. NotFoundError for an unknown job, ConflictError
 * for one that has already ended.
 */
export async function requestCancel(deps: CancelDeps, name: string, reason = DEFAULT_CANCEL_REASON): Promise<JobRecord> {
  let record = await deps.jobs.get(name);
  if (record === undefined) throw new NotFoundError(`job ${name} does not exist`);
  if (record.status !== 'CancelRequested') {
    try {
      if (isTerminal(record.status)) throw new InvalidTransitionError(record.status, 'CancelRequested', []);
      record = await deps.jobs.transition(name, 'CancelRequested', { at: deps.clock.now(), reason });
    } catch (err) {
      if (!(err instanceof InvalidTransitionError)) throw err;
      const now = await deps.jobs.get(name);
      throw new ConflictError(`job ${name} has already ended (${now?.status ?? err.from}); only jobs that have not ended can be canceled`, { cause: err });
    }
  }
  const told = await deps.runner.cancel(name, reason);
  if (!told) record = await deps.jobs.transition(name, 'Canceled', { at: deps.clock.now(), reason });
  return record;
}
