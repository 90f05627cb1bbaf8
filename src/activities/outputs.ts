import path, { posix } from 'node:path';
import { ValidationError, type NormalizedOutput } from '../model';
import type { ArtifactStore } from '../ports';
import { asFieldProblem } from './fieldErrors';
import { isLocalPath } from './localPaths';
import { copyOutputTo, localDestination } from './outputsLocal';

/**
 * Uploads a job's outputs where their specs say, and returns output name → URI for the record:
 * - no `path`: `<artifact container>/<job>/outputs/<name>/`;
 * - a blob URL of the account or `azureml://datastores/<ds>/paths/<p>`: there, instead (see
 *   ArtifactStore.uploadOutput); the URI is the path as written;
 * - a local path: copied to that place inside the data root (see outputsLocal.ts) and uploaded to
 *   the default place as well, so that the outputs API serves it from any host; the URI is the
 *   absolute local path.
 * A `uri_file` output is the one file its folder holds, and its path names that file: the folder
 * goes to the path's parent. A destination that is refused (a data asset, another account, the
 * artifact container, outside the data root) or missing (its container) is the job's fault: a
 * ValidationError naming `outputs.<name>.path`.
 */

export interface OutputContext {
  readonly artifacts: ArtifactStore;
  readonly dataRoot: string;
}

export async function uploadOutputs(
  context: OutputContext, job: string, specs: Readonly<Record<string, NormalizedOutput>>, dirs: Readonly<Record<string, string>>,
): Promise<Record<string, string>> {
  const uris: Record<string, string> = {};
  for (const [name, dir] of Object.entries(dirs)) {
    const spec = specs[name];
    const destination = spec?.path;
    uris[name] = spec === undefined || destination === undefined
      ? await context.artifacts.uploadOutput(job, name, dir)
      : await asFieldProblem(`outputs.${name}.path`, 'invalid output destination', () => uploadTo(context, { job, name, dir, type: spec.type, destination }));
  }
  return uris;
}

interface Upload {
  readonly job: string;
  readonly name: string;
  /** The local folder the command wrote the output to. */
  readonly dir: string;
  readonly type: NormalizedOutput['type'];
  /** The output's `path`. */
  readonly destination: string;
}

async function uploadTo(context: OutputContext, { job, name, dir, type, destination }: Upload): Promise<string> {
  const { folder, file } = type === 'uri_file' ? splitFile(destination, name) : { folder: destination, file: undefined };
  if (isLocalPath(destination)) {
    const target = await localDestination(context.dataRoot, folder, `outputs.${name}.path`);
    await copyOutputTo(dir, target, context.dataRoot, `outputs.${name}.path`);
    await context.artifacts.uploadOutput(job, name, dir);
    return file === undefined ? `${target.replace(/\/+$/, '')}/` : path.join(target, file);
  }
  if (/^azureml:(?!\/\/)/.test(destination)) {
    throw new ValidationError([{ path: '', message: `"${destination}" is a data asset, which this app cannot write; give a local path, a blob URL of the app's storage account or azureml://datastores/<name>/paths/<path>` }]);
  }
  const uploaded = await context.artifacts.uploadOutput(job, name, dir, folder);
  return file === undefined ? uploaded : destination;
}

/** A uri_file path: the folder it is in (ending in "/", or '.' for a bare local name) and the file's name (as prepare named the local file). */
function splitFile(value: string, output: string): { folder: string; file: string } {
  const file = posix.basename(value) || output;
  const folder = value.endsWith('/') ? value : value.slice(0, value.length - posix.basename(value).length);
  return { folder: folder === '' ? '.' : folder, file };
}
