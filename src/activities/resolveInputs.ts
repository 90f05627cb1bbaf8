import { cp } from 'node:fs/promises';
import path from 'node:path';
import { NotFoundError, ValidationError, type BindingValue, type NormalizedInput } from '../model';
import type { ArtifactStore } from '../ports';
import { isLocalPath, resolveInsideRoot, type PathKind } from './localPaths';

/**
 * The value each input takes on the command line: literals and primitive defaults as they are,
 * data inputs as local paths — a local path (inside the data root; copied for `mode: download`),
 * or a blob URL / `azureml://datastores/…` path downloaded into the job's inputs folder. An
 * optional input without a path has no value (its `$[[ … ]]` blocks are dropped).
 */

export interface InputContext {
  readonly dataRoot: string;
  /** `<workspace>/inputs`: each downloaded input gets `<inputsDir>/<name>`. */
  readonly inputsDir: string;
  readonly artifacts: ArtifactStore;
}

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
  const destination = path.join(context.inputsDir, name);
  if (isLocalPath(input.path)) {
    const local = await resolveInsideRoot(context.dataRoot, input.path, field, kindOf(input.type));
    if (input.mode !== 'download') return local;
    const copy = input.type === 'uri_file' ? path.join(destination, path.basename(local)) : destination;
    await cp(local, copy, { recursive: true });
    return copy;
  }
  if (/^azureml:(?!\/\/)/.test(input.path)) {
    throw new ValidationError([{ path: field, message: `"${input.path}" is a data asset, which this app cannot resolve; give a local path, a blob URL of the app's storage account or azureml://datastores/<name>/paths/<path>` }], { summary: 'invalid input' });
  }
  try {
    return await context.artifacts.downloadInput(input.path, destination);
  } catch (err) {
    if (err instanceof ValidationError) throw new ValidationError(err.issues.map((issue) => ({ ...issue, path: field })), { summary: 'invalid input', cause: err });
    if (err instanceof NotFoundError) throw new ValidationError([{ path: field, message: err.message }], { summary: 'input not found', cause: err });
    throw err;
  }
}

function kindOf(type: string): PathKind {
  if (type === 'uri_file') return 'file';
  if (type === 'uri_folder' || type === 'mltable') return 'folder';
  return 'any';
}
