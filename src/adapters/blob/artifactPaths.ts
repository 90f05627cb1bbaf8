import { isAbsolute, relative, resolve, sep } from 'node:path';
import { ValidationError } from '../../model/errors';
import { JobName, PortName } from '../../model/names';

/**
 * Where a job's artifacts live inside the artifact container, and the checks that keep every
 * user-provided path inside its place:
 *   <job>/logs/<log name>          append blobs
 *   <job>/code/<path>              the code snapshot
 *   <job>/outputs/<output>/<path>  outputs
 *   <job>/sys/<path>               the job's bookkeeping (parallel jobs' manifests and results)
 * Paths are relative, with forward slashes; `..`, absolute paths, drive letters, backslashes and
 * control characters are refused (ValidationError naming the path), `.` and empty segments dropped.
 */

/** Blob names end at 1024 characters; this leaves room for the `<job>/outputs/<output>/` prefix. */
const MAX_RELATIVE_PATH = 700;

export function logBlobName(job: string, logName: string): string {
  return `${checkJob(job)}/logs/${safeRelativePath(logName, 'logName')}`;
}

export function snapshotPrefix(job: string): string {
  return `${checkJob(job)}/code/`;
}

export function systemFileName(job: string, path: string): string {
  return `${checkJob(job)}/sys/${safeRelativePath(path, 'path')}`;
}

export function outputPrefix(job: string, output: string): string {
  const name = PortName.safeParse(output);
  if (!name.success) throw invalid('output', output, name.error.issues[0]?.message ?? 'invalid output name');
  return `${checkJob(job)}/outputs/${output}/`;
}

/** The normalized relative path (`a/b.txt`), or a ValidationError naming `field` and the path. */
export function safeRelativePath(path: string, field: string): string {
  const why = problemWith(path);
  if (why !== undefined) throw invalid(field, path, `${why}; expected a relative path with forward slashes that stays inside its folder`);
  const normalized = path.split('/').filter((segment) => segment !== '' && segment !== '.').join('/');
  if (normalized === '') throw invalid(field, path, 'names no file; expected a relative path such as "logs/std_log.txt"');
  if (normalized.length > MAX_RELATIVE_PATH) throw invalid(field, path, `is ${normalized.length} characters long; at most ${MAX_RELATIVE_PATH} are accepted`);
  return normalized;
}

/** `destDir/relPath` after checking, once more on the resolved path, that it stays inside destDir. */
export function pathInside(destDir: string, relPath: string, field: string): string {
  const root = resolve(destDir);
  const target = resolve(root, safeRelativePath(relPath, field));
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) throw invalid(field, relPath, `resolves outside ${root}`);
  return target;
}

function problemWith(path: string): string | undefined {
  if (typeof path !== 'string' || path === '') return 'is empty';
  if (path.startsWith('/')) return 'is absolute';
  if (/^[A-Za-z]:/.test(path)) return 'starts with a drive letter';
  if (path.includes('\\')) return 'contains a backslash';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'contains a control character';
  if (path.split('/').includes('..')) return 'contains a ".." segment';
  return undefined;
}

function checkJob(job: string): string {
  const name = JobName.safeParse(job);
  if (!name.success) throw invalid('job', job, name.error.issues[0]?.message ?? 'invalid job name');
  return job;
}

function invalid(field: string, value: string, problem: string): ValidationError {
  return new ValidationError([{ path: field, message: `${JSON.stringify(value)}: ${problem}` }], { summary: `invalid ${field}` });
}
