import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isLocalPath } from '../../activities/localPaths';
import { ValidationError, type NormalizedJob, type ValidationIssue } from '../../model';

/**
 * The local paths of a job file that the CLI uploads, resolved against the file's folder (as
 * `az ml job create` does): a command job's `code`, a parallel job's `task.code`, and the `path` of
 * every data input. Output paths are destinations, not uploads.
 */

export interface LocalPath {
  /** Where the value sits in the job document, e.g. `['inputs', 'data', 'path']`. */
  readonly at: readonly string[];
  /** As written. */
  readonly written: string;
  /** The absolute path. */
  readonly local: string;
  /** `code` is uploaded with its .amlignore / .gitignore rules; a `file` input as that one file. */
  readonly kind: 'code' | 'folder' | 'file';
}

export async function localPathsOf(job: NormalizedJob, jobFile: string): Promise<LocalPath[]> {
  const base = path.dirname(path.resolve(jobFile));
  const wanted: Array<Omit<LocalPath, 'local'>> = [];
  if (job.type === 'command' && job.code !== undefined && isLocalPath(job.code)) wanted.push({ at: ['code'], written: job.code, kind: 'code' });
  if (job.type === 'parallel' && job.task.code !== undefined && isLocalPath(job.task.code)) wanted.push({ at: ['task', 'code'], written: job.task.code, kind: 'code' });
  for (const [name, input] of Object.entries(job.inputs)) {
    if (typeof input !== 'object' || !('mode' in input) || input.path === undefined || !isLocalPath(input.path) || input.mode === 'direct') continue;
    wanted.push({ at: ['inputs', name, 'path'], written: input.path, kind: input.type === 'uri_file' ? 'file' : 'folder' });
  }
  const issues: ValidationIssue[] = [];
  const found: LocalPath[] = [];
  for (const item of wanted) {
    const local = path.resolve(base, item.written.startsWith('file:') ? fileURLToPath(item.written) : item.written);
    const problem = await kindProblem(local, item.kind);
    if (problem === undefined) found.push({ ...item, local });
    else issues.push({ file: jobFile, path: item.at.join('.'), message: `"${item.written}" ${problem} (local paths are relative to the job file's folder ${base})` });
  }
  if (issues.length > 0) throw new ValidationError(issues, { summary: 'local paths to upload' });
  return found;
}

async function kindProblem(local: string, kind: LocalPath['kind']): Promise<string | undefined> {
  const info = await stat(local).catch(() => undefined);
  if (info === undefined) return 'does not exist';
  if (kind === 'file' && !info.isFile()) return 'is not a file (a uri_file input names one file)';
  if (kind !== 'file' && !info.isDirectory()) return 'is not a folder';
  return undefined;
}
