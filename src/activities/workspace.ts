import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { unlockTree } from './readOnlyInputs';

/** A job's local folders under the work root: the working directory, downloaded inputs, outputs. */
export interface Workspace {
  readonly root: string;
  /** The command's working directory: the code snapshot, or empty. */
  readonly code: string;
  readonly inputs: string;
  readonly outputs: string;
}

export function workspaceOf(workRoot: string, job: string): Workspace {
  const root = path.join(workRoot, job);
  return { root, code: path.join(root, 'code'), inputs: path.join(root, 'inputs'), outputs: path.join(root, 'outputs') };
}

/** Creates the folders empty (a retried prepare starts over). */
export async function createWorkspace(workspace: Workspace): Promise<void> {
  await unlockTree(workspace.inputs); // read-only inputs of an earlier attempt
  await rm(workspace.root, { recursive: true, force: true });
  for (const dir of [workspace.code, workspace.inputs, workspace.outputs]) await mkdir(dir, { recursive: true });
}

export async function removeWorkspace(workspace: Workspace): Promise<void> {
  await unlockTree(workspace.inputs);
  await rm(workspace.root, { recursive: true, force: true });
}
