import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  formatIssue, NotFoundError, parseSingleRef, REDRIVE_STATUS_REASON, ValidationError, type BindingValue, type JobRecord, type NormalizedParallelJob,
} from '../../model';
import { DEFAULT_APPEND_ROW_FILE_NAME } from '../../model/runFunction';
import { snapshotCode } from '../../activities/codeSnapshot';
import { createOutputFolders } from '../../activities/outputFolders';
import { isLocalPath, resolveInsideRoot } from '../../activities/localPaths';
import { resolveInputs } from '../../activities/resolveInputs';
import { createWorkspace, type Workspace } from '../../activities/workspace';
import { pathInside } from '../../adapters/blob/artifactPaths';
import { ParallelPrepareInput, type ParallelPrepareResult, type PreparedParallel } from '../contracts';
import { PARALLEL_SYSTEM_FILES } from '../names';
import { itemCount, miniBatchCount, parseManifest, serializeManifest, type MiniBatchManifest } from '../partition/manifest';
import { partitionInput } from '../partition/partition';
import { writeFileAtomic } from '../runtime/atomicFile';
import { parallelFolderOf, planFileOf, type ParallelFolder } from '../runtime/jobFolder';
import type { ParallelDeps } from '../runtime/jobState';
import type { ParallelRuntime } from '../runtime/parallelRuntime';
import { restoreResults } from './resultsArchive';
import { programArgv } from './programArguments';
import { writeSetup, type ParallelSetup } from '../runtime/setup';
import { groupSizeFor, shardSizeFor } from './shardSize';

/**
 * `ParallelPrepare`: the code snapshot (copied to blob storage, then into the job's folder), the
 * inputs resolved to local paths, `input_data` split into mini-batches (the manifest goes to blob
 * storage and the job's folder; the orchestration gets only counts), an empty folder per output,
 * and the workers' set-up. A redrive materializes the same snapshot and manifest again, brings back
 * the results of the earlier run, and plans only the mini-batches that did not succeed. Problems
 * with the job itself come back as `{ ok: false }` (UserError, not retried).
 */
export async function prepareParallel(runtime: ParallelRuntime, raw: unknown): Promise<ParallelPrepareResult> {
  const { job, redrive } = ParallelPrepareInput.parse(raw);
  const { deps } = runtime;
  const record = await deps.jobs.get(job);
  if (record === undefined) throw new NotFoundError(`job ${job}: no record in the job store`);
  if (record.spec.type !== 'parallel') return userError(`job ${job} is a ${record.spec.type} job, not a parallel job`);
  await runtime.forget(job);
  try {
    const prepared = await prepareJob(deps, record, record.spec, redrive);
    warmWorkers(runtime, job);
    return { ok: true, prepared };
  } catch (err) {
    if (err instanceof ValidationError) return userError(err.issues.map(formatIssue).join('\n'));
    if (err instanceof NotFoundError) return userError(err.message);
    throw err;
  }
}

async function prepareJob(deps: ParallelDeps, record: JobRecord, spec: NormalizedParallelJob, redrive: boolean): Promise<PreparedParallel> {
  const compute = deps.computes.resolve(spec.compute).name;
  const folder = parallelFolderOf(deps.settings.workRoot, spec.name);
  await createWorkspace(folder.workspace);
  await mkdir(folder.results, { recursive: true });
  await mkdir(folder.plans, { recursive: true });
  const entryScript = await materializeCode(deps, spec, folder.workspace, redrive);
  const inputs = await resolveInputs(inPlaceInputData(spec), { dataRoot: deps.settings.dataRoot, inputsDir: folder.workspace.inputs, artifacts: deps.artifacts });
  const outputs = await outputFolders(spec, folder.workspace);

  const dataRef = parseSingleRef(spec.input_data);
  const dataInput = dataRef === undefined ? undefined : spec.inputs[dataRef.name];
  const inputRoot = dataRef === undefined ? undefined : inputs[dataRef.name];
  if (dataRef === undefined || typeof dataInput !== 'object' || typeof inputRoot !== 'string') {
    throw new ValidationError([{ path: 'input_data', message: `${spec.input_data} does not name a data input with a path` }]);
  }
  const manifest = redrive ? await storedManifest(deps, spec.name) : await partitionInput({ path: inputRoot, type: dataKind(dataInput.type) }, spec.mini_batch_size);
  await writeFileAtomic(folder.manifest, serializeManifest(manifest));
  if (!redrive) await deps.artifacts.writeSystemFile(spec.name, PARALLEL_SYSTEM_FILES.manifest, serializeManifest(manifest));

  const miniBatches = miniBatchCount(manifest);
  const plan = redrive ? await planRedrive(deps, record, folder, miniBatches) : { id: 'all', size: miniBatches };
  const argv = programArgv(spec.task.program_arguments, { inputs, outputs: outputs.paths });
  const modelDir = await modelDirOf(deps, spec, inputs);
  const setup: ParallelSetup = {
    entryScript, codeDir: folder.workspace.code, argv, ...(modelDir !== undefined && { modelDir }), inputRoot,
    workers: spec.resources.instance_count * spec.max_concurrency_per_instance,
    runTimeoutMs: spec.retry_settings.timeout * 1000,
    maxRetries: spec.retry_settings.max_retries,
    errorThreshold: spec.error_threshold,
    miniBatchErrorThreshold: spec.mini_batch_error_threshold,
    miniBatches, items: itemCount(manifest),
    ...(outputs.appendRow !== undefined && { appendRow: outputs.appendRow }),
    outputs: outputs.dirs,
    loggingLevel: spec.logging_level,
    plan: plan.id,
  };
  await writeSetup(folder.setup, setup);
  const progress = { miniBatches: { total: miniBatches, running: 0, succeeded: 0, failed: 0 }, items: { succeeded: 0, failed: 0 } };
  if (!redrive) await deps.jobs.update(spec.name, (current) => ({ ...current, progress }));
  return {
    compute, concurrencyLimit: deps.settings.concurrencyLimit(compute), workers: setup.workers, miniBatches, items: setup.items,
    plan: plan.id, planSize: plan.size, shardSize: shardSizeFor(plan.size), groupSize: groupSizeFor(plan.size),
    errorThreshold: spec.error_threshold, miniBatchErrorThreshold: spec.mini_batch_error_threshold,
  };
}

/** The code snapshot in the job's folder (a local folder or a folder URI, as for command jobs); the entry script's path in it. */
async function materializeCode(deps: ParallelDeps, spec: NormalizedParallelJob, workspace: Workspace, redrive: boolean): Promise<string> {
  const { code, entry_script: entry } = spec.task;
  const context = { artifacts: deps.artifacts, dataRoot: deps.settings.dataRoot };
  if (redrive) await deps.artifacts.downloadSnapshot(spec.name, workspace.code);
  else if (code !== undefined) await snapshotCode(context, spec.name, code, workspace.code);
  else {
    const scriptDir = path.dirname(await resolveInsideRoot(deps.settings.dataRoot, entry, 'task.entry_script', 'file'));
    await deps.artifacts.uploadSnapshot(spec.name, scriptDir);
    await deps.artifacts.downloadSnapshot(spec.name, workspace.code);
  }
  const relative = code !== undefined ? entry : path.basename(entry);
  const script = pathInside(workspace.code, relative, 'task.entry_script');
  const found = await stat(script).then((s) => s.isFile(), () => false);
  if (!found) throw new ValidationError([{ path: 'task.entry_script', message: `"${entry}" is not a file in the code folder${code === undefined ? '' : ` "${code}"`}` }]);
  return script;
}

interface OutputFolders {
  dirs: Record<string, string>;
  /** What `${{outputs.x}}` becomes in program_arguments. */
  paths: Record<string, string>;
  appendRow?: { output: string; file: string };
}

async function outputFolders(spec: NormalizedParallelJob, workspace: Workspace): Promise<OutputFolders> {
  const { dirs, paths } = await createOutputFolders(spec.outputs, workspace.outputs);
  const ref = spec.task.append_row_to === undefined ? undefined : parseSingleRef(spec.task.append_row_to);
  if (ref === undefined) return { dirs, paths };
  const output = spec.outputs[ref.name];
  const dir = dirs[ref.name];
  if (output === undefined || dir === undefined) throw new ValidationError([{ path: 'task.append_row_to', message: `${spec.task.append_row_to} is not a declared output` }]);
  const file = output.type === 'uri_file' ? (paths[ref.name] as string) : path.join(dir, DEFAULT_APPEND_ROW_FILE_NAME);
  return { dirs, paths, appendRow: { output: ref.name, file } };
}

async function modelDirOf(deps: ParallelDeps, spec: NormalizedParallelJob, inputs: Record<string, BindingValue | undefined>): Promise<string | undefined> {
  const model = spec.task.model;
  if (model === undefined) return undefined;
  const ref = parseSingleRef(model);
  if (ref !== undefined) {
    const value = inputs[ref.name];
    if (typeof value !== 'string') throw new ValidationError([{ path: 'task.model', message: `${model} has no path value` }]);
    return value;
  }
  return resolveInsideRoot(deps.settings.dataRoot, model, 'task.model', 'any');
}

/**
 * The job's inputs, with a local `input_data` mounted read-only used where it is instead of as a
 * sealed copy: a parallel job's data can be 100,000 files, and the workers only read the paths
 * they are given. (Blob inputs are downloaded as usual; other inputs keep their modes.)
 */
function inPlaceInputData(spec: NormalizedParallelJob): NormalizedParallelJob['inputs'] {
  const ref = parseSingleRef(spec.input_data);
  const input = ref === undefined ? undefined : spec.inputs[ref.name];
  if (ref === undefined || typeof input !== 'object' || !('mode' in input) || input.path === undefined || !isLocalPath(input.path)) return spec.inputs;
  if (input.mode !== 'ro_mount' && input.mode !== 'eval_mount') return spec.inputs;
  return { ...spec.inputs, [ref.name]: { ...input, mode: 'direct' } };
}

function dataKind(type: string): 'uri_file' | 'uri_folder' | 'mltable' {
  if (type === 'uri_file' || type === 'uri_folder' || type === 'mltable') return type;
  throw new ValidationError([{ path: 'input_data', message: `an input of type ${type} cannot be split into mini-batches; expected uri_folder, uri_file or mltable` }]);
}

async function storedManifest(deps: ParallelDeps, job: string): Promise<MiniBatchManifest> {
  const data = await deps.artifacts.readSystemFile(job, PARALLEL_SYSTEM_FILES.manifest);
  if (data === undefined) throw new NotFoundError(`job ${job}: its mini-batch manifest is not in blob storage; it cannot be redriven`);
  return parseManifest(data, `${job}/sys/${PARALLEL_SYSTEM_FILES.manifest}`);
}

/** The results of the earlier run back in the folder, and the plan of mini-batches that did not succeed. */
async function planRedrive(deps: ParallelDeps, record: JobRecord, folder: ParallelFolder, miniBatches: number): Promise<{ id: string; size: number }> {
  const succeeded = await restoreResults(deps, record.name, folder);
  const ids: number[] = [];
  for (let id = 0; id < miniBatches; id++) if (!succeeded.has(id)) ids.push(id);
  const redrives = record.statusHistory.filter((change) => change.reason === REDRIVE_STATUS_REASON).length;
  const id = `redrive-${Math.max(1, redrives)}`;
  await writeFile(planFileOf(folder, id), JSON.stringify(ids));
  return { id, size: ids.length };
}

/**
 * Starts the job's workers (init() included) in this process while the job waits for its compute,
 * without holding up the activity; a failure here is reported by the mini-batches that meet it.
 */
function warmWorkers(runtime: ParallelRuntime, job: string): void {
  void (async () => {
    const pool = await (await runtime.state(job)).pool();
    await pool.warm?.();
  })().catch((err: unknown) => runtime.deps.warn(`job ${job}: starting its workers ahead of time failed: ${err instanceof Error ? err.message : String(err)}`));
}

function userError(message: string): ParallelPrepareResult {
  return { ok: false, error: { code: 'UserError', message } };
}
