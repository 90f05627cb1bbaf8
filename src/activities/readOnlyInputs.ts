import { chmod, lstat, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { JobError } from '../model';
import { treeChanges, treeManifest, type TreeManifest } from './treeManifest';

/**
 * `mode: ro_mount` (and `eval_mount`) inputs. The command never gets the data itself but a copy in
 * the job's inputs folder (see copyLocalInput), sealed: files 0444, folders 0555, which stops a
 * command running as an ordinary user (EACCES). Root ignores permission bits, so the sealed copy's
 * manifest (treeManifest) is also kept next to it and compared after the run: a command that
 * changed, added or removed anything in it fails its job, naming the input and what changed. The
 * original data is untouched either way; what is not guaranteed is that a root command cannot
 * write the copy (it can — and it can also hide that on purpose, e.g. by rewriting the manifest:
 * this catches mistakes, it is not a sandbox).
 */

const FILE_MODE = 0o444;
const FOLDER_MODE = 0o555;
const MANIFEST_SUFFIX = '.readonly.json';
const CHANGES_SHOWN = 5;

/** Makes `<inputsDir>/<name>` read-only and records its manifest beside it (input names have no dots, so no input is called that). */
export async function sealReadOnlyInput(inputsDir: string, name: string): Promise<void> {
  const root = path.join(inputsDir, name);
  await lockTree(root);
  await writeFile(path.join(inputsDir, `${name}${MANIFEST_SUFFIX}`), JSON.stringify(await treeManifest(root)), { mode: FILE_MODE });
}

export interface ChangedInput {
  readonly input: string;
  readonly changes: string[];
}

/** The sealed inputs in `inputsDir` that differ from their manifest; none when nothing was sealed. */
export async function changedReadOnlyInputs(inputsDir: string): Promise<ChangedInput[]> {
  const files = (await readdir(inputsDir).catch(ifMissing<string[]>([]))).filter((file) => file.endsWith(MANIFEST_SUFFIX)).sort();
  const changed: ChangedInput[] = [];
  for (const file of files) {
    const input = file.slice(0, -MANIFEST_SUFFIX.length);
    const sealed = JSON.parse(await readFile(path.join(inputsDir, file), 'utf8')) as TreeManifest;
    const now = await treeManifest(path.join(inputsDir, input)).catch(ifMissing<TreeManifest>({}));
    const changes = treeChanges(sealed, now);
    if (changes.length > 0) changed.push({ input, changes });
  }
  return changed;
}

/** The UserError of a job whose command wrote to read-only inputs. */
export function readOnlyInputsError(changed: readonly ChangedInput[]): JobError {
  const listed = changed.map(({ input, changes }) => {
    const more = changes.length > CHANGES_SHOWN ? `, and ${changes.length - CHANGES_SHOWN} more` : '';
    return `inputs.${input}: ${changes.slice(0, CHANGES_SHOWN).join(', ')}${more}`;
  });
  return {
    code: 'UserError',
    message: `the command wrote to read-only (mode: ro_mount) input${changed.length === 1 ? '' : 's'} — ${listed.join('; ')}. `
      + 'Inputs mounted read-only must not be written; declare mode: download to give the command a writable copy',
  };
}

/** Gives folders under `root` their write permission back, so that an ordinary user can remove them; a missing root is fine. */
export async function unlockTree(root: string): Promise<void> {
  const info = await lstat(root).catch(ifMissing(undefined));
  if (info === undefined || !info.isDirectory()) return;
  await chmod(root, 0o755);
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (entry.isDirectory()) await unlockTree(path.join(root, entry.name));
  }
}

/** Files 0444, folders 0555 (children first); symbolic links are left alone (chmod would follow them). */
async function lockTree(full: string): Promise<void> {
  const info = await lstat(full);
  if (info.isDirectory()) {
    for (const name of await readdir(full)) await lockTree(path.join(full, name));
    await chmod(full, FOLDER_MODE);
  } else if (info.isFile()) {
    await chmod(full, FILE_MODE);
  }
}

function ifMissing<T>(value: T): (error: NodeJS.ErrnoException) => T {
  return (error) => {
    if (error.code === 'ENOENT') return value;
    throw error;
  };
}
