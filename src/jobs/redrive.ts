import { isRedrive, NotFoundError, redriveProblem, withRedrive, ConflictError, type JobRecord } from '../model';
import type { Clock, JobStore } from '../ports';
import type { JobRunner } from './submit';

export interface RedriveDeps {
  readonly jobs: JobStore;
  readonly runner: JobRunner;
  readonly clock: Clock;
}

/**
 * Redrives a finished parallel job: its record goes back to Queued (reason `redrive`) and a new run
 * of its orchestration re-runs only the mini-batches that did not succeed, merging their rows into
 * the output. NotFoundError for an unknown job; ConflictError when it is not a finished parallel job
 * with something to redrive.
 */
export async function requestRedrive(deps: RedriveDeps, name: string): Promise<JobRecord> {
  const current = await deps.jobs.get(name);
  if (current === undefined) throw new NotFoundError(`job ${name} does not exist`);
  const problem = redriveProblem(current);
  if (problem !== undefined) throw new ConflictError(`job ${name} cannot be redriven: ${problem}`);
  const record = await deps.jobs.update(name, (latest) => {
    const why = redriveProblem(latest);
    if (why !== undefined) throw new ConflictError(`job ${name} cannot be redriven: ${why}`);
    return withRedrive(latest, deps.clock.now());
  });
  if (!isRedrive(current, record) && record.status !== 'Queued') throw new ConflictError(`job ${name} changed while it was being redriven; it is ${record.status}`);
  await deps.runner.redrive(name);
  return record;
}
