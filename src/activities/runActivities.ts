import { NotFoundError } from '../model';
import { openSecrets } from '../jobs/jobSecrets';
import type { RunState } from '../ports';
import { CancelRunInput, RunRef, StartRunInput, type PollRunResult, type StartRunResult } from './contracts';
import type { ActivityDeps } from './deps';
import { computeOf } from './computeOf';
import { STD_LOG } from './names';
import { setStatus } from './setStatus';

/**
 * The activities that talk to the compute: start a run, look at it, cancel it. Each returns at
 * once; the orchestration does the waiting, on durable timers.
 */

/**
 * `JobStartRun`: starts the command with the job's environment (secrets opened here, and only
 * here), then records Running. The run has started by then, so a failed status write is not the
 * activity's failure (it must not start the run twice): `running` is left out and the
 * orchestration records it. `runExited` (optional) is told the job's name when the compute sees
 * the command end after this activity has returned; if it ended before, the result says `exited`.
 */
export async function startRun(deps: ActivityDeps, raw: unknown, runExited?: (job: string) => void): Promise<StartRunResult> {
  const { job, run } = StartRunInput.parse(raw);
  const record = await deps.jobs.get(job);
  if (record === undefined) throw new NotFoundError(`job ${job}: no record in the job store`);
  const compute = computeOf(deps.computes, run.compute, job);
  let returned = false;
  let exited = false;
  const onExit = (): void => {
    if (!returned) exited = true;
    else runExited?.(job);
  };
  const request = { job, command: run.command, workingDir: run.workingDir, environment: openSecrets(record.spec, deps.secrets), logName: STD_LOG };
  const { runId } = await compute.start(request, onExit);
  const running = await setStatus(deps, { job, to: 'Running' }).catch(() => undefined);
  returned = true;
  return { runId, ...(running !== undefined && { running }), ...(exited ? { exited } : {}) };
}

/** `JobPollRun`: the run's state, and the job's status (a cancel request shows there too). */
export async function pollRun(deps: ActivityDeps, raw: unknown): Promise<PollRunResult> {
  const { job, compute, runId } = RunRef.parse(raw);
  const [state, record] = await Promise.all([computeOf(deps.computes, compute, job).poll(runId), deps.jobs.get(job)]);
  if (record === undefined) throw new NotFoundError(`job ${job}: no record in the job store`);
  return { run: runView(state), jobStatus: record.status };
}

/** `JobCancelRun`: ends the run's whole process tree; a run that already ended is left alone. */
export async function cancelRun(deps: ActivityDeps, raw: unknown): Promise<null> {
  const { job, compute, runId, reason } = CancelRunInput.parse(raw);
  await computeOf(deps.computes, compute, job).cancel(runId, reason);
  return null;
}

function runView(state: RunState): PollRunResult['run'] {
  switch (state.state) {
    case 'running':
      return { state: 'running', stale: false };
    case 'unresponsive':
      return { state: 'running', stale: true };
    case 'exited':
      return { state: 'exited', exitCode: state.exitCode, ...(state.signal !== undefined && { signal: state.signal }) };
    case 'lost':
      return { state: 'lost', reason: state.reason };
  }
}
