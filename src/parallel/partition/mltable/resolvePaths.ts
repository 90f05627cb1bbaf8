import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { ValidationError, type ValidationIssue } from '../../../model/errors';
import { inputDataError } from '../errors';
import { sortByUtf8 } from '../manifestPaths';
import { listFiles, realInside } from '../walkFiles';
import { type LoadedMLTable, MLTABLE_FILE } from './loadMLTable';
import type { PathEntry } from './schema';

/**
 * The files an MLTable's `paths` name, relative to its folder, in the order listed (each folder's
 * files and each pattern's matches sorted by UTF-8 bytes). Paths are relative to the MLTable folder
 * and stay inside it; URIs (azureml://, https://, …) and absolute paths are refused. A folder is
 * read recursively (hidden files included, the MLTable file itself left out); a pattern follows glob
 * rules (`*` does not match a leading dot). A folder or pattern that yields no file is an error.
 */
export async function resolvePaths(root: string, table: LoadedMLTable): Promise<string[]> {
  const files: string[] = [];
  const issues: ValidationIssue[] = [];
  for (const [index, entry] of table.spec.paths.entries()) {
    const [key, value] = entryOf(entry);
    const at = (message: string) => table.yaml.issueAt(['paths', index, key], message);
    const relative = relativeInside(value);
    if (typeof relative !== 'string') {
      issues.push(at(relative.problem));
      continue;
    }
    try {
      const found = await filesOf(root, key, relative);
      if (found.length === 0) issues.push(at(key === 'folder' ? `the folder "${value}" holds no files` : `the pattern "${value}" matches no files`));
      files.push(...found);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      issues.push(...err.issues.map((issue) => at(issue.message)));
    }
  }
  if (issues.length > 0) throw inputDataError(issues);
  return files;
}

type EntryKey = 'file' | 'folder' | 'pattern';

function entryOf(entry: PathEntry): [EntryKey, string] {
  if (entry.file !== undefined) return ['file', entry.file];
  if (entry.folder !== undefined) return ['folder', entry.folder];
  return ['pattern', entry.pattern as string];
}

const URI = /^[a-z][a-z0-9+.-]*:/i;

/** `./data/a.csv` → `data/a.csv`, `./` → `` (the folder itself); a problem for URIs, absolute paths and `..`. */
function relativeInside(value: string): string | { problem: string } {
  if (URI.test(value) && !/^[a-z]:[\\/]/i.test(value)) {
    return { problem: `"${value}" is a URI; only paths relative to the MLTable folder are read here (put the data next to the MLTable file)` };
  }
  if (path.posix.isAbsolute(value) || path.win32.isAbsolute(value)) {
    return { problem: `"${value}" is an absolute path; give a path relative to the MLTable folder` };
  }
  const normalized = path.posix.normalize(value);
  if (normalized === '..' || normalized.startsWith('../') || normalized.split('/').includes('..')) {
    return { problem: `"${value}" leaves the MLTable folder; paths must stay inside it` };
  }
  return normalized === '.' || normalized === './' ? '' : normalized.replace(/^\.\//, '').replace(/\/$/, '');
}

async function filesOf(root: string, key: EntryKey, relative: string): Promise<string[]> {
  const notTheTable = (file: string) => file === MLTABLE_FILE;
  const boundary = await realpath(root);
  if (key === 'folder') {
    const real = await realInside(boundary, path.join(root, relative), relative || '.');
    if (!(await stat(real)).isDirectory()) throw inputDataError([{ path: '', message: `"${relative}" is a file; use file: for a file` }]);
    return listFiles(root, { from: relative, skip: notTheTable });
  }
  if (key === 'file') {
    const real = await realInside(boundary, path.join(root, relative), relative);
    if (!(await stat(real)).isFile()) throw inputDataError([{ path: '', message: `"${relative}" is not a file; use folder: for a folder` }]);
    return [relative];
  }
  const matches = await glob(relative, { cwd: root, onlyFiles: true, expandDirectories: false, followSymbolicLinks: true });
  const files = sortByUtf8(matches.filter((file) => !notTheTable(file)));
  for (const file of files) await realInside(boundary, path.join(root, file), file);
  return files;
}
