import { formatIssue, NotFoundError, ValidationError, type JobError } from '../model';
import type { ComputeTarget } from '../ports';
import { FinalizeInput, JobRef, type FinalizeResult } from './contracts';
import type { ActivityDeps, ComputeLookup } from './deps';
import { logTail } from './logTail';
import { uploadOutputs } from './outputs';
import { changedReadOnlyInputs, readOnlyInputsError } from './readOnlyInputs';
import { STD_LOG } from './names';
import { removeWorkspace, workspaceOf } from './workspace';

/**
 * `JobFinalize`: checks that the command left its read-only inputs alone, then uploads the outputs
 * of a successful run and records their URIs on the job. Returns the job's error, if it has one:
 * for a failed run (`exitCode` given) the UserError with the exit code and the log's last lines;
 * for a run that wrote to a read-only input a UserError saying what changed (its outputs are then
 * not uploaded).
 */
export async function finalize(deps: ActivityDeps, raw: unknown): Promise<FinalizeResult> {
  const input = FinalizeInput.parse(raw);
  const changed = await changedReadOnlyInputs(workspaceOf(deps.settings.workRoot, input.job).inputs);
  const inputsError = changed.length === 0 ? undefined : readOnlyInputsError(changed);
  if (input.uploadOutputs && inputsError === undefined && Object.keys(input.outputs).length > 0) {
    const outputsError = await recordOutputs(deps, input.job, input.outputs);
    if (outputsError !== undefined) return { error: outputsError };
  }
  if (input.exitCode === undefined) return inputsError === undefined ? {} : { error: inputsError };
  const error = await exitError(deps, input.job, input.exitCode, input.signal);
  return { error: inputsError === undefined ? error : { ...error, message: `${error.message}\n${inputsError.message}` } };
}

/** Uploads the outputs where their specs say and records their URIs; the UserError of a destination that is refused or missing. */
export async function recordOutputs(deps: ActivityDeps, job: string, dirs: Record<string, string>): Promise<JobError | undefined> {
  const record = await deps.jobs.get(job);
  if (record === undefined) throw new NotFoundError(`job ${job}: no record in the job store`);
  try {
    const uris = await uploadOutputs({ artifacts: deps.artifacts, dataRoot: deps.settings.dataRoot }, job, record.spec.outputs, dirs);
    await deps.jobs.update(job, (current) => ({ ...current, outputs: { ...current.outputs, ...uris } }));
    return undefined;
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    return { code: 'UserError', message: `the outputs could not be stored: ${err.issues.map(formatIssue).join('; ')}` };
  }
}

async function exitError(deps: ActivityDeps, job: string, exitCode: number, signal: string | undefined): Promise<JobError> {
  const lines = await logTail(deps.artifacts, job, STD_LOG);
  const code = `exit code ${exitCode}${signal === undefined ? '' : ` (ended by ${signal})`}`;
  const tail = lines.length === 0 ? `; ${STD_LOG} is empty` : `; last lines of ${STD_LOG}:\n${lines.join('\n')}`;
  return { code: 'UserError', message: code + tail };
}

/**
 * `JobCleanUp`: removes the job's local folders once its outputs and logs are in storage, and lets
 * its compute drop the files of its runs (the orchestration polls them no more).
 */
export async function cleanUp(deps: ActivityDeps, raw: unknown): Promise<null> {
  const { job } = JobRef.parse(raw);
  await removeWorkspace(workspaceOf(deps.settings.workRoot, job));
  const record = await deps.jobs.get(job);
  if (record !== undefined) await computeIfConfigured(deps.computes, record.spec.compute)?.removeRuns?.(job);
  return null;
}

/** A compute this app no longer configures has nothing of the job's here to remove. */
function computeIfConfigured(computes: ComputeLookup, compute: string): ComputeTarget | undefined {
  try {
    return computes.resolve(compute);
  } catch (err) {
    if (err instanceof ValidationError) return undefined;
    throw err;
  }
}
