import { lstat, readdir, readlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * What a folder holds, entry by entry, closely enough to tell whether anything in it was touched:
 * a write, truncate, chmod, rename, link or `touch` changes an entry's ctime, which no process can
 * set back (short of changing the system clock), so an unchanged ctime means an unchanged entry.
 */

export interface TreeEntry {
  readonly type: 'file' | 'folder' | 'link' | 'other';
  readonly size: string;
  readonly mode: number;
  readonly mtimeNs: string;
  readonly ctimeNs: string;
  /** Where a symbolic link points. */
  readonly target?: string;
}

/** Relative path (forward slashes; '' for the root itself) → entry. */
export type TreeManifest = Record<string, TreeEntry>;

/** The manifest of `root` (a folder or a single file); links are recorded, not followed. */
export async function treeManifest(root: string): Promise<TreeManifest> {
  const manifest: TreeManifest = {};
  const visit = async (full: string, relative: string): Promise<void> => {
    const entry = await describe(full);
    manifest[relative] = entry;
    if (entry.type !== 'folder') return;
    for (const name of (await readdir(full)).sort()) await visit(path.join(full, name), relative === '' ? name : `${relative}/${name}`);
  };
  await visit(root, '');
  return manifest;
}

/** What differs between two manifests of the same folder, as `changed a.csv`, `added b`, `removed c`, sorted by path. */
export function treeChanges(before: TreeManifest, after: TreeManifest): string[] {
  const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return paths.flatMap((relative) => {
    const was = before[relative];
    const now = after[relative];
    const shown = relative === '' ? '(the input itself)' : relative;
    if (was === undefined) return [`added ${shown}`];
    if (now === undefined) return [`removed ${shown}`];
    return sameEntry(was, now) ? [] : [`changed ${shown}`];
  });
}

function sameEntry(a: TreeEntry, b: TreeEntry): boolean {
  return a.type === b.type && a.size === b.size && a.mode === b.mode && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs && a.target === b.target;
}

async function describe(full: string): Promise<TreeEntry> {
  const info = await lstat(full, { bigint: true });
  const type = info.isFile() ? 'file' : info.isDirectory() ? 'folder' : info.isSymbolicLink() ? 'link' : 'other';
  return {
    type, size: String(info.size), mode: Number(info.mode), mtimeNs: String(info.mtimeNs), ctimeNs: String(info.ctimeNs),
    ...(type === 'link' && { target: await readlink(full) }),
  };
}
