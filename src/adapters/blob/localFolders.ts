import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, realpath, stat, type FileHandle } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { NotFoundError, ValidationError } from '../../model/errors';
import { pathInside } from './artifactPaths';

/**
 * Local folders on their way to and from blob storage. Reading a folder never leaves it: a
 * symbolic link is followed only when it resolves to a file inside the folder (a link to a
 * directory, or to anything outside, is skipped), and files are opened with O_NOFOLLOW so a link
 * swapped in after the walk is refused. Writing never leaves the destination (pathInside).
 */

export interface LocalFile {
  /** Relative to the folder, with forward slashes. */
  readonly path: string;
  /** What to open: the file itself, or the in-folder target of a link. */
  readonly source: string;
  readonly size: number;
}

/** Every regular file under `root`, sorted by path. NotFoundError if `root` is not a folder. */
export async function listLocalFiles(root: string, what: string): Promise<LocalFile[]> {
  const info = await stat(root).catch(() => undefined);
  if (info === undefined) throw new NotFoundError(`${what}: folder ${root} does not exist`);
  if (!info.isDirectory()) throw new ValidationError([{ path: what, message: `${root} is not a folder; expected a folder to copy` }], { summary: `invalid ${what}` });
  const realRoot = await realpath(root);
  const files: LocalFile[] = [];
  await walk(realRoot, realRoot, files);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function walk(realRoot: string, dir: string, files: LocalFile[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    const path = relative(realRoot, full).split(sep).join('/');
    if (entry.isDirectory()) await walk(realRoot, full, files);
    else if (entry.isFile()) files.push({ path, source: full, size: (await lstat(full)).size });
    else if (entry.isSymbolicLink()) {
      const target = await linkTargetInside(realRoot, full);
      if (target !== undefined) files.push({ path, source: target.path, size: target.size });
    }
  }
}

async function linkTargetInside(realRoot: string, link: string): Promise<{ path: string; size: number } | undefined> {
  const target = await realpath(link).catch(() => undefined);
  if (target === undefined || !target.startsWith(realRoot + sep)) return undefined;
  const info = await stat(target);
  return info.isFile() ? { path: target, size: info.size } : undefined;
}

/** Opens a listed file for reading without following a link at its last component. */
export async function openLocalFile(file: LocalFile): Promise<FileHandle> {
  const handle = await open(file.source, constants.O_RDONLY | constants.O_NOFOLLOW);
  if (!(await handle.stat()).isFile()) {
    await handle.close();
    throw new Error(`${file.source} is no longer a regular file`);
  }
  return handle;
}

/** Creates the parent folders of `relPath` inside `destDir` and returns the file's full path. */
export async function prepareLocalFile(destDir: string, relPath: string, field: string): Promise<string> {
  const target = pathInside(destDir, relPath, field);
  await mkdir(join(target, '..'), { recursive: true });
  return target;
}
