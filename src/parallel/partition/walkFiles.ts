import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { dataProblem } from './errors';
import { sortByUtf8 } from './manifestPaths';

/**
 * Every file under a folder, recursively, as relative POSIX paths sorted by UTF-8 bytes. Hidden
 * files are included (Azure ML mounts them too). Symbolic links are followed when they stay inside
 * `root` (a linked file is listed under the link's path, a linked folder is walked); a link that
 * leaves `root`, dangles, or loops back to a folder that contains it is an error, as is a socket,
 * pipe or device.
 */
export interface WalkOptions {
  /** Folder to list, relative to `root` (POSIX, default: `root` itself); results stay relative to `root`. */
  readonly from?: string;
  /** Leaves out a file by its path relative to `root`. */
  readonly skip?: (relative: string) => boolean;
}

interface PendingFolder {
  readonly local: string;
  readonly relative: string;
  /** Real paths of this folder and all folders above it, to recognize loops. */
  readonly realChain: readonly string[];
}

export async function listFiles(root: string, options: WalkOptions = {}): Promise<string[]> {
  const boundary = await realpath(root);
  const from = options.from ?? '';
  const start = from === '' ? root : path.join(root, ...from.split('/'));
  const startReal = from === '' ? boundary : await realInside(boundary, start, from);
  const files: string[] = [];
  const pending: PendingFolder[] = [{ local: start, relative: from, realChain: [startReal] }];
  for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
    for (const entry of await readFolder(folder)) {
      const relative = folder.relative === '' ? entry.name : `${folder.relative}/${entry.name}`;
      const local = path.join(folder.local, entry.name);
      const kind = entry.isSymbolicLink() ? await followLink(boundary, local, relative, folder.realChain) : plainKind(entry, relative);
      if (kind.type === 'folder') {
        pending.push({ local, relative, realChain: [...folder.realChain, kind.real ?? path.join(folder.realChain.at(-1) as string, entry.name)] });
      } else if (!options.skip?.(relative)) {
        files.push(relative);
      }
    }
  }
  return sortByUtf8(files);
}

type EntryKind = { readonly type: 'file' } | { readonly type: 'folder'; readonly real?: string };

async function readFolder(folder: PendingFolder): Promise<Dirent[]> {
  try {
    return await readdir(folder.local, { withFileTypes: true });
  } catch (err) {
    throw dataProblem(`cannot list folder ${folder.relative || '.'}: ${(err as Error).message}`, {}, err);
  }
}

function plainKind(entry: Dirent, relative: string): EntryKind {
  if (entry.isFile()) return { type: 'file' };
  if (entry.isDirectory()) return { type: 'folder' };
  throw dataProblem(`${relative} is neither a file nor a folder (a socket, pipe or device); remove it from the input`);
}

async function followLink(boundary: string, local: string, relative: string, realChain: readonly string[]): Promise<EntryKind> {
  const real = await realInside(boundary, local, relative);
  const target = await stat(real);
  if (target.isFile()) return { type: 'file' };
  if (!target.isDirectory()) throw dataProblem(`${relative} links to something that is neither a file nor a folder`);
  if (realChain.includes(real)) {
    throw dataProblem(`${relative} is a symbolic link to ${path.relative(boundary, real) || '.'}, a folder that contains it (a loop)`);
  }
  return { type: 'folder', real };
}

/** The real path of `local`, which must exist and lie inside `boundary` (itself a real path). */
export async function realInside(boundary: string, local: string, relative: string): Promise<string> {
  let real: string;
  try {
    real = await realpath(local);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist (or is a symbolic link to nothing)' : `cannot be read: ${(err as Error).message}`;
    throw dataProblem(`${relative} ${reason}`, {}, err);
  }
  if (!isInside(boundary, real)) {
    throw dataProblem(`${relative} leads to ${real}, outside the input folder; symbolic links may only point inside it`);
  }
  return real;
}

function isInside(boundary: string, real: string): boolean {
  const relative = path.relative(boundary, real);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
