import { ConflictError, isTerminal, NotFoundError } from '../../model';
import { requestCancel } from '../../jobs/cancel';
import type { ScheduleDeps } from '../deps';
import type { ScheduledJob } from '../model/scheduleRecord';
import type { Concurrency } from '../model/scheduleSpec';

/**
 * `concurrency` for a tick whose schedule's previous job has not ended: `allow` submits anyway,
 * `forbid` skips the tick, `replace` cancels that job (as `cancel` does) and submits. Returns the
 * reason to skip, or undefined to go on.
 */
export async function applyConcurrency(deps: ScheduleDeps, policy: Concurrency, previous: ScheduledJob | undefined, jobName: string): Promise<string | undefined> {
  if (policy === 'allow' || previous === undefined) return undefined;
  const job = await deps.submit.jobs.get(previous.name);
  if (job === undefined || isTerminal(job.status)) return undefined;
  if (policy === 'forbid') return `the previous job ${previous.name} has not ended (${job.status}; concurrency: forbid)`;
  try {
    await requestCancel(deps.submit, previous.name, `replaced by ${jobName} (concurrency: replace)`);
  } catch (err) {
    if (!(err instanceof ConflictError || err instanceof NotFoundError)) throw err; // it ended meanwhile
  }
  return undefined;
}
