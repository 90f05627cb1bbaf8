import type { JobError } from '../model';
import { FinalizeInput, JobRef, type FinalizeResult } from './contracts';
import type { ActivityDeps } from './deps';
import { logTail } from './logTail';
import { STD_LOG } from './names';
import { removeWorkspace, workspaceOf } from './workspace';

/**
 * `JobFinalize`: uploads the outputs of a successful run and records their URIs on the job; for a
 * failed run (`exitCode` given), returns the UserError with the exit code and the log's last lines.
 */
export async function finalize(deps: ActivityDeps, raw: unknown): Promise<FinalizeResult> {
  const input = FinalizeInput.parse(raw);
  if (input.uploadOutputs && Object.keys(input.outputs).length > 0) {
    const uris: Record<string, string> = {};
    for (const [name, dir] of Object.entries(input.outputs)) uris[name] = await deps.artifacts.uploadOutput(input.job, name, dir);
    await deps.jobs.update(input.job, (record) => ({ ...record, outputs: { ...record.outputs, ...uris } }));
  }
  if (input.exitCode === undefined) return {};
  return { error: await exitError(deps, input.job, input.exitCode, input.signal) };
}

async function exitError(deps: ActivityDeps, job: string, exitCode: number, signal: string | undefined): Promise<JobError> {
  const lines = await logTail(deps.artifacts, job, STD_LOG);
  const code = `exit code ${exitCode}${signal === undefined ? '' : ` (ended by ${signal})`}`;
  const tail = lines.length === 0 ? `; ${STD_LOG} is empty` : `; last lines of ${STD_LOG}:\n${lines.join('\n')}`;
  return { code: 'UserError', message: code + tail };
}

/** `JobCleanUp`: removes the job's local folders once its outputs and logs are in storage. */
export async function cleanUp(deps: ActivityDeps, raw: unknown): Promise<null> {
  const { job } = JobRef.parse(raw);
  await removeWorkspace(workspaceOf(deps.settings.workRoot, job));
  return null;
}
