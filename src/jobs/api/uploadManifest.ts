import { createHash } from 'node:crypto';
import { z } from 'zod';
import { safeRelativePath } from '../../adapters/blob/artifactPaths';
import { ValidationError } from '../../model';

/**
 * What the CLI uploads for a job (its local `code` folder, its local data inputs) and how both
 * sides name it: a folder is a manifest of files — relative path, size, SHA-256 — and its hash is
 * the SHA-256 of the manifest's lines `<sha256> <size> <path>\n` sorted by path. Same files, same
 * hash: an unchanged folder is found on the server and not sent again.
 */

export const UPLOAD_LIMITS = {
  /** Per file: well under the 100 MB request body limit of Azure Functions. */
  fileBytes: 64 * 1024 * 1024,
  totalBytes: 2 * 1024 * 1024 * 1024,
  files: 10_000,
} as const;

const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;
export const LIMITS_TEXT = `at most ${UPLOAD_LIMITS.files} files, ${mib(UPLOAD_LIMITS.fileBytes)} each and ${mib(UPLOAD_LIMITS.totalBytes)} in all`;

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, { error: 'expected a SHA-256 as 64 lowercase hexadecimal digits' });

export const UploadFile = z.strictObject({
  path: z.string().min(1),
  size: z.int().min(0).max(UPLOAD_LIMITS.fileBytes, { error: `a file may have at most ${UPLOAD_LIMITS.fileBytes} bytes (${LIMITS_TEXT})` }),
  sha256: Sha256Hex,
});
export type UploadFile = z.infer<typeof UploadFile>;

export const UploadManifest = z.strictObject({
  files: z.array(UploadFile)
    .min(1, { error: 'an upload needs at least one file' })
    .max(UPLOAD_LIMITS.files, { error: `an upload may have at most ${UPLOAD_LIMITS.files} files (${LIMITS_TEXT})` }),
}).superRefine(({ files }, ctx) => {
  const seen = new Set<string>();
  files.forEach((file, index) => {
    const problem = pathProblem(file.path);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', path: ['files', index, 'path'], message: problem });
    if (seen.has(file.path)) ctx.addIssue({ code: 'custom', path: ['files', index, 'path'], message: `"${file.path}" is listed twice` });
    seen.add(file.path);
  });
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (total > UPLOAD_LIMITS.totalBytes) ctx.addIssue({ code: 'custom', path: ['files'], message: `the files add up to ${total} bytes; ${LIMITS_TEXT}` });
});
export type UploadManifest = z.infer<typeof UploadManifest>;

/** The content address of a folder: SHA-256 of its sorted manifest lines. */
export function uploadHash(files: readonly UploadFile[]): string {
  const lines = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((file) => `${file.sha256} ${file.size} ${file.path}\n`);
  return createHash('sha256').update(lines.join('')).digest('hex');
}

/** `POST /api/uploads`: the folder's hash and URI, and which files the server still needs. */
export const UploadStatus = z.object({
  hash: Sha256Hex,
  uri: z.string(),
  complete: z.boolean(),
  missing: z.array(z.string()),
});
export type UploadStatus = z.infer<typeof UploadStatus>;

/** `POST /api/uploads/{hash}/commit`: the folder is complete and may be used by jobs. */
export const UploadCommitted = z.object({ hash: Sha256Hex, uri: z.string(), files: z.int(), bytes: z.int() });
export type UploadCommitted = z.infer<typeof UploadCommitted>;

/** The relative path as uploads store it; a ValidationError naming `field` for anything else. */
export function uploadPath(path: string, field: string): string {
  const problem = pathProblem(path);
  if (problem !== undefined) throw new ValidationError([{ path: field, message: problem }], { summary: 'invalid upload path' });
  return path;
}

function pathProblem(path: string): string | undefined {
  try {
    const normalized = safeRelativePath(path, 'path');
    return normalized === path ? undefined : `"${path}" is not in normal form; expected "${normalized}"`;
  } catch (err) {
    if (err instanceof ValidationError) return err.issues[0]?.message ?? `"${path}" is not a safe relative path`;
    throw err;
  }
}
