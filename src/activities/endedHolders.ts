import { canTransition, InvalidTransitionError, isTerminal, type JobRecord } from '../model';
import type { Clock, JobStore } from '../ports';
import { FindEndedHoldersInput, type FindEndedHoldersResult } from './contracts';

/**
 * `JobFindEndedHolders`: of the jobs holding a compute slot, those that will never give it back —
 * their record is terminal or gone, or their orchestration no longer runs (terminated by hand,
 * failed hard, purged). A job whose orchestration is gone while its record still says it runs is
 * failed with a SystemError, since nothing drives it any more. The caller releases the slots.
 */

/** The runtime status of a job's orchestration (instance id = job name); undefined when there is none. */
export interface OrchestrationLookup {
  runtimeStatus(job: string): Promise<string | undefined>;
}

export interface EndedHoldersDeps {
  readonly jobs: JobStore;
  readonly orchestrations: OrchestrationLookup;
  readonly clock: Clock;
}

/** Runtime statuses of an orchestration that still drives its job (a suspended one may be resumed). */
const DRIVING = new Set(['Pending', 'Running', 'ContinuedAsNew', 'Suspended']);

export async function findEndedHolders(deps: EndedHoldersDeps, raw: unknown): Promise<FindEndedHoldersResult> {
  const { jobs } = FindEndedHoldersInput.parse(raw);
  const ended: string[] = [];
  for (const job of jobs) if (await hasEnded(deps, job)) ended.push(job);
  return { ended };
}

async function hasEnded(deps: EndedHoldersDeps, job: string): Promise<boolean> {
  const record = await deps.jobs.get(job);
  if (record === undefined || isTerminal(record.status)) return true;
  const status = await deps.orchestrations.runtimeStatus(job);
  if (status !== undefined && DRIVING.has(status)) return false;
  await failOrphan(deps, record, status);
  return true;
}

async function failOrphan(deps: EndedHoldersDeps, record: JobRecord, orchestrationStatus: string | undefined): Promise<void> {
  if (!canTransition(record.status, 'Failed')) return;
  const what = orchestrationStatus === undefined ? 'no longer exists' : `is ${orchestrationStatus}`;
  const message = `the job's orchestration ${what} while the job was ${record.status}, so nothing drives the job any more; `
    + 'its compute slot was given back (a command it started may still be running on the compute)';
  try {
    await deps.jobs.transition(record.name, 'Failed', { at: deps.clock.now(), reason: 'orchestration ended', error: { code: 'SystemError', message } });
  } catch (err) {
    if (!(err instanceof InvalidTransitionError)) throw err; // someone else moved it first
  }
}
