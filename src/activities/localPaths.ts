import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ValidationError } from '../model';

/**
 * Local paths named in a job (`code`, input paths) resolve against the data root and must stay
 * inside it once symbolic links are followed, so a job cannot read the host's files elsewhere.
 */

export type PathKind = 'file' | 'folder' | 'any';

/** `file:` URLs and paths without a URI scheme are local. */
export function isLocalPath(value: string): boolean {
  return value.startsWith('file:') || !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) || /^[A-Za-z]:[\\/]/.test(value);
}

/** The real path of `value` inside `root`; ValidationError naming `field` when it is missing, outside or of the wrong kind. */
export async function resolveInsideRoot(root: string, value: string, field: string, kind: PathKind): Promise<string> {
  const fail = (message: string): never => {
    throw new ValidationError([{ path: field, message }], { summary: 'invalid local path' });
  };
  const given = value.startsWith('file:') ? fileURLToPath(value) : value;
  const realRoot = await realpath(root).catch(() => fail(`the data root ${root} (LOCAL_DATA_ROOT) does not exist on this host`));
  const real = await realpath(path.resolve(realRoot, given)).catch(() => fail(`"${value}" does not exist (local paths are relative to the data root ${realRoot})`));
  const relative = path.relative(realRoot, real);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    fail(`"${value}" resolves to ${real}, outside the data root ${realRoot}; local paths must stay inside it (set LOCAL_DATA_ROOT to change it)`);
  }
  const isDirectory = (await stat(real)).isDirectory();
  if (kind === 'folder' && !isDirectory) fail(`"${value}" is a file; expected a folder`);
  if (kind === 'file' && isDirectory) fail(`"${value}" is a folder; expected a file`);
  return real;
}
