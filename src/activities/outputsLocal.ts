import { constants } from 'node:fs';
import { copyFile, lstat, mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listLocalFiles } from '../adapters/blob/localFolders';
import { ValidationError } from '../model';

/**
 * Outputs whose `path` is a local path: copied into that place inside the data root, which may
 * not exist yet. Neither the path nor anything written below it may leave the data root, by `..`
 * or through a symbolic link that is already there. Files of the same names are replaced; nothing
 * else there is touched.
 */

/** The absolute path `value` names inside `root` (it need not exist); ValidationError naming `field` otherwise. */
export async function localDestination(root: string, value: string, field: string): Promise<string> {
  const realRoot = await realpath(root).catch(() => refuse(field, `the data root ${root} (LOCAL_DATA_ROOT) does not exist on this host`));
  const target = path.resolve(realRoot, value.startsWith('file:') ? fileURLToPath(value) : value);
  await assertInside(realRoot, target, field, value);
  return target;
}

/** Copies the files of `sourceDir` into the folder `destination` (inside `root`), copy-on-write where the file system can. */
export async function copyOutputTo(sourceDir: string, destination: string, root: string, field: string): Promise<void> {
  const realRoot = await realpath(root);
  for (const file of await listLocalFiles(sourceDir, field)) {
    const target = path.join(destination, ...file.path.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await assertInside(realRoot, path.dirname(target), field, file.path);
    if ((await lstat(target).catch(() => undefined))?.isSymbolicLink()) refuse(field, `${target} is a symbolic link; an output is not written through links`);
    await copyFile(file.source, target, constants.COPYFILE_FICLONE);
  }
}

/** `target`, once its nearest existing ancestor's links are resolved, lies inside `realRoot`. */
async function assertInside(realRoot: string, target: string, field: string, value: string): Promise<void> {
  let existing = target;
  while ((await lstat(existing).catch(() => undefined)) === undefined) existing = path.dirname(existing);
  const real = path.join(await realpath(existing), path.relative(existing, target));
  const relative = path.relative(realRoot, real);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    refuse(field, `"${value}" resolves to ${real}, outside the data root ${realRoot}; local paths must stay inside it (set LOCAL_DATA_ROOT to change it)`);
  }
}

function refuse(field: string, message: string): never {
  throw new ValidationError([{ path: field, message }], { summary: 'invalid output destination' });
}
