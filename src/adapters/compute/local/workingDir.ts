import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { ValidationError } from '../../../model/errors';

/**
 * The real path of `workingDir`, checked to be an existing directory inside `workRoot`. Symbolic
 * links are resolved first, so neither `..` nor a link can lead the command out of the root.
 * ValidationError (path `workingDir`) otherwise.
 */
export async function resolveWorkingDir(workingDir: string, workRoot: string): Promise<string> {
  const fail = (message: string, cause?: unknown): never => {
    throw new ValidationError([{ path: 'workingDir', message }], { summary: 'cannot run the command', cause });
  };
  if (!path.isAbsolute(workingDir)) fail(`must be an absolute path (got "${workingDir}")`);
  const root = await realpath(workRoot).catch((error: unknown) => {
    throw new Error(`compute misconfigured: its work root ${workRoot} does not exist`, { cause: error });
  });
  const real = await realpath(workingDir).catch((error: unknown) => fail(`${workingDir} does not exist`, error));
  const relative = path.relative(root, real);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    fail(`${workingDir} is outside the work root ${workRoot}${real !== workingDir ? ` (it resolves to ${real})` : ''}`);
  }
  if (!(await stat(real)).isDirectory()) fail(`${workingDir} is not a directory`);
  return real;
}
