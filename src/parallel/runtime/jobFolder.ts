import path from 'node:path';
import { workspaceOf, type Workspace } from '../../activities/workspace';

/**
 * A parallel job's local bookkeeping inside its workspace (`<work root>/<job>/parallel/`): the set-up
 * prepare worked out, the manifest, the logs of mini-batch outcomes, redrive plans, the halt mark.
 */
export interface ParallelFolder {
  readonly workspace: Workspace;
  readonly root: string;
  readonly setup: string;
  readonly manifest: string;
  readonly results: string;
  readonly plans: string;
  readonly halted: string;
}

export function parallelFolderOf(workRoot: string, job: string): ParallelFolder {
  const workspace = workspaceOf(workRoot, job);
  const root = path.join(workspace.root, 'parallel');
  return {
    workspace,
    root,
    setup: path.join(root, 'setup.json'),
    manifest: path.join(root, 'manifest.json.gz'),
    results: path.join(root, 'results'),
    plans: path.join(root, 'plans'),
    halted: path.join(root, 'halted.txt'),
  };
}

export function planFileOf(folder: ParallelFolder, plan: string): string {
  return path.join(folder.plans, `${plan}.json`);
}
