import { constants } from 'node:fs';
import { copyFile, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { listLocalFiles, prepareLocalFile } from '../adapters/blob/localFolders';
import { ValidationError, type BindingValue, type InputMode, type NormalizedInput } from '../model';
import type { ArtifactStore } from '../ports';
import { asFieldProblem } from './fieldErrors';
import { isLocalPath, resolveInsideRoot, type PathKind } from './localPaths';
import { sealReadOnlyInput } from './readOnlyInputs';

/**
 * The value each input takes on the command line: literals and primitive defaults as they are,
 * data inputs by their mode —
 * - `ro_mount` (the default) and `eval_mount`: a read-only copy in `<inputsDir>/<name>` (see
 *   readOnlyInputs.ts for what "read-only" guarantees);
 * - `download` and `eval_download`: a writable copy there;
 * - `direct`: the location itself — the local path (inside the data root), or the URI exactly as
 *   written, for the command to read with its own tools; nothing is copied.
 * Local paths resolve inside the data root; blob URLs and `azureml://datastores/…` paths are
 * downloaded. Copies of local folders hold their files (a symbolic link only when it leads to a
 * file inside the folder; empty folders are dropped), copy-on-write where the file system can.
 * An optional input without a path has no value (its `$[[ … ]]` blocks are dropped).
 */

export interface InputContext {
  readonly dataRoot: string;
  /** `<workspace>/inputs`: each copied or downloaded input gets `<inputsDir>/<name>`. */
  readonly inputsDir: string;
  readonly artifacts: ArtifactStore;
}

type Access = 'read-only' | 'copy' | 'direct';

const ACCESS: Record<InputMode, Access> = { ro_mount: 'read-only', eval_mount: 'read-only', download: 'copy', eval_download: 'copy', direct: 'direct' };

export async function resolveInputs(inputs: Readonly<Record<string, NormalizedInput>>, context: InputContext): Promise<Record<string, BindingValue | undefined>> {
  const values: Record<string, BindingValue | undefined> = {};
  for (const [name, input] of Object.entries(inputs)) values[name] = await resolveInput(name, input, context);
  return values;
}

async function resolveInput(name: string, input: NormalizedInput, context: InputContext): Promise<BindingValue | undefined> {
  if (typeof input !== 'object') return input;
  if (!('mode' in input)) return input.default; // a typed primitive; data inputs always have a mode
  if (input.path === undefined) return undefined;
  const field = `inputs.${name}.path`;
  const access = ACCESS[input.mode];
  const destination = path.join(context.inputsDir, name);
  let value: string;
  if (isLocalPath(input.path)) {
    const local = await resolveInsideRoot(context.dataRoot, input.path, field, kindOf(input.type));
    if (access === 'direct') return local;
    value = await copyLocalInput(local, destination, field);
  } else {
    if (/^azureml:(?!\/\/)/.test(input.path)) {
      throw new ValidationError([{ path: field, message: `"${input.path}" is a data asset, which this app cannot resolve; give a local path, a blob URL of the app's storage account or azureml://datastores/<name>/paths/<path>` }], { summary: 'invalid input' });
    }
    if (access === 'direct') return input.path;
    const uri = input.path;
    value = await asFieldProblem(field, 'invalid input', () => context.artifacts.downloadInput(uri, destination));
  }
  if (access === 'read-only') await sealReadOnlyInput(context.inputsDir, name);
  return value;
}

/** Copies a local file into `destination/` (returning the copy's path) or a folder's files into `destination` (returning it). */
async function copyLocalInput(local: string, destination: string, field: string): Promise<string> {
  await mkdir(destination, { recursive: true });
  if (!(await stat(local)).isDirectory()) {
    const copy = path.join(destination, path.basename(local));
    await copyFile(local, copy, constants.COPYFILE_FICLONE);
    return copy;
  }
  for (const file of await listLocalFiles(local, field)) {
    await copyFile(file.source, await prepareLocalFile(destination, file.path, field), constants.COPYFILE_FICLONE);
  }
  return destination;
}


function kindOf(type: string): PathKind {
  if (type === 'uri_file') return 'file';
  if (type === 'uri_folder' || type === 'mltable') return 'folder';
  return 'any';
}
