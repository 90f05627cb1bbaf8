import { isTerminal, type JobStatus } from '../model';
import { FinishInput, type FinishResult } from './contracts';
import type { ActivityDeps } from './deps';
import { cleanUp, finalize } from './finalize';
import { setStatus } from './setStatus';

/**
 * `JobFinish`: what follows a run that exited, in one activity instead of four — for exit code 0
 * the job moves to Finalizing, its read-only inputs are checked and its outputs uploaded
 * (`JobFinalize`), and it ends Completed, or Failed with the error finalize found; for any other
 * exit code it ends Failed with the exit code and the log's last lines. Then its local folders
 * go (`JobCleanUp`), shortly after the job shows its final status. Every status is still
 * recorded with its own history entry. Safe to run again (a failed clean-up makes the
 * orchestration retry it): statuses already recorded are left alone, outputs are not uploaded
 * again once the job has ended, and a job that someone else ended first (canceled, say) keeps
 * that ending.
 */
export async function finish(deps: ActivityDeps, raw: unknown): Promise<FinishResult> {
  const input = FinishInput.parse(raw);
  const status = await endStatus(deps, input);
  await cleanUp(deps, { job: input.job });
  return { status };
}

async function endStatus(deps: ActivityDeps, { job, outputs, exitCode, signal }: FinishInput): Promise<JobStatus> {
  if (exitCode === 0) {
    const finalizing = await setStatus(deps, { job, to: 'Finalizing' });
    if (isTerminal(finalizing.status)) return finalizing.status;
    // A cancel request that comes after the command finished loses: the job completes — unless
    // finalize finds the job at fault (it wrote to a read-only input), and then it fails.
    const { error } = await finalize(deps, { job, outputs, uploadOutputs: true });
    return (await setStatus(deps, error === undefined ? { job, to: 'Completed' } : { job, to: 'Failed', error })).status;
  }
  const { error } = await finalize(deps, { job, outputs, uploadOutputs: false, exitCode, ...(signal !== undefined && { signal }) });
  return (await setStatus(deps, { job, to: 'Failed', error: error ?? { code: 'UserError', message: `exit code ${exitCode}` } })).status;
}
