import { expandCommand, formatIssue, NotFoundError, ValidationError, type NormalizedCommandJob } from '../model';
import { JobRef, type PrepareResult, type PreparedRun } from './contracts';
import type { ActivityDeps } from './deps';
import { snapshotCode } from './codeSnapshot';
import { createOutputFolders } from './outputFolders';
import { STD_LOG } from './names';
import { resolveInputs } from './resolveInputs';
import { createWorkspace, workspaceOf } from './workspace';

/**
 * `JobPrepare`: everything before the job can queue for its compute — the code snapshot (the
 * `code` folder copied to blob storage, then into the working directory, so the run sees exactly
 * the snapshot), the inputs resolved to local paths, an empty folder per output, and the command
 * with every binding expanded; and the job's log, created empty and recorded in `logFiles`. Problems with the job itself come back as `{ ok: false, error }`
 * (UserError, not retried); failures of storage throw, and are retried.
 */
export async function prepare(deps: ActivityDeps, raw: unknown): Promise<PrepareResult> {
  const { job } = JobRef.parse(raw);
  const record = await deps.jobs.get(job);
  if (record === undefined) throw new NotFoundError(`job ${job}: no record in the job store`);
  if (record.spec.type !== 'command') return userError(`job ${job} is a ${record.spec.type} job; the CommandJob orchestration runs command jobs only`);
  try {
    return { ok: true, run: await prepareCommand(deps, record.spec) };
  } catch (err) {
    if (err instanceof ValidationError) return userError(err.issues.map(formatIssue).join('\n'));
    throw err;
  }
}

async function prepareCommand(deps: ActivityDeps, spec: NormalizedCommandJob): Promise<PreparedRun> {
  const compute = deps.computes.resolve(spec.compute).name;
  const workspace = workspaceOf(deps.settings.workRoot, spec.name);
  await createWorkspace(workspace);
  if (spec.code !== undefined) await snapshotCode({ artifacts: deps.artifacts, dataRoot: deps.settings.dataRoot }, spec.name, spec.code, workspace.code);
  const inputs = await resolveInputs(spec.inputs, { dataRoot: deps.settings.dataRoot, inputsDir: workspace.inputs, artifacts: deps.artifacts });
  // The log exists, empty, from the start: the record points at it while the job is still queued.
  const logUrl = await deps.artifacts.appendLog(spec.name, STD_LOG, Buffer.alloc(0));
  await deps.jobs.update(spec.name, (record) => ({ ...record, logFiles: { ...record.logFiles, [STD_LOG]: logUrl } }));
  const { dirs: outputDirs, paths: outputPaths } = await createOutputFolders(spec.outputs, workspace.outputs);
  return {
    compute,
    command: expandCommand(spec.command, { inputs, outputs: outputPaths }),
    workingDir: workspace.code,
    outputs: outputDirs,
    concurrencyLimit: deps.settings.concurrencyLimit(compute),
    ...(spec.limits?.timeout !== undefined && { timeoutSeconds: spec.limits.timeout }),
  };
}

function userError(message: string): PrepareResult {
  return { ok: false, error: { code: 'UserError', message } };
}
