import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/**
 * The files of a local folder the CLI uploads, as Azure ML's CLI chooses them: in every folder, an
 * `.amlignore` — or, when there is none, a `.gitignore` — excludes paths with git's rules
 * (deeper files override shallower ones; an excluded folder is not entered). Symbolic links are
 * never followed out: a link is uploaded as the file it points to only when that file lies inside
 * the folder; links to folders and links leading out are left out (and named).
 */

export interface FolderFile {
  /** Relative to the folder, with forward slashes. */
  readonly path: string;
  /** What to read: the file itself, or the in-folder target of a link. */
  readonly source: string;
  readonly size: number;
}

export interface FolderListing {
  readonly files: FolderFile[];
  /** Links left out because they lead out of the folder or to a folder. */
  readonly skippedLinks: string[];
}

interface Rules {
  /** The folder the ignore file is in, relative to the root ('' for the root). */
  readonly base: string;
  readonly rules: Ignore;
}

export async function folderFiles(root: string, options: { ignoreFiles: boolean }): Promise<FolderListing> {
  const realRoot = await realpath(root);
  const files: FolderFile[] = [];
  const skippedLinks: string[] = [];
  const walk = async (dir: string, relative: string, inherited: readonly Rules[]): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const local = options.ignoreFiles ? await ignoreRulesIn(dir, relative) : undefined;
    const rules = local === undefined ? inherited : [...inherited, local];
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const rel = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!isIgnored(rules, rel, true)) await walk(full, rel, rules);
      } else if (entry.isFile()) {
        if (!isIgnored(rules, rel, false)) files.push({ path: rel, source: full, size: (await stat(full)).size });
      } else if (entry.isSymbolicLink() && !isIgnored(rules, rel, false)) {
        const target = await fileInside(realRoot, full);
        if (target === undefined) skippedLinks.push(rel);
        else files.push({ path: rel, source: target.path, size: target.size });
      }
    }
  };
  await walk(realRoot, '', []);
  return { files, skippedLinks };
}

async function ignoreRulesIn(dir: string, relative: string): Promise<Rules | undefined> {
  for (const name of ['.amlignore', '.gitignore']) {
    const text = await readFile(path.join(dir, name), 'utf8').catch(() => undefined);
    if (text !== undefined) return { base: relative, rules: ignore().add(text) };
  }
  return undefined;
}

/** Git's precedence: the deepest ignore file that says anything about the path decides. */
function isIgnored(levels: readonly Rules[], relative: string, isFolder: boolean): boolean {
  let ignored = false;
  for (const { base, rules } of levels) {
    const inside = base === '' ? relative : relative.slice(base.length + 1);
    const verdict = rules.test(isFolder ? `${inside}/` : inside);
    if (verdict.ignored) ignored = true;
    else if (verdict.unignored) ignored = false;
  }
  return ignored;
}

async function fileInside(realRoot: string, link: string): Promise<{ path: string; size: number } | undefined> {
  const target = await realpath(link).catch(() => undefined);
  if (target === undefined || !target.startsWith(realRoot + path.sep)) return undefined;
  const info = await stat(target);
  return info.isFile() ? { path: target, size: info.size } : undefined;
}
