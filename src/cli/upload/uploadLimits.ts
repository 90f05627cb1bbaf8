import { LIMITS_TEXT, UPLOAD_LIMITS } from '../../jobs/api/uploadManifest';
import type { FolderFile } from './folderFiles';

/**
 * Checks a folder against the upload limits before anything is read or sent: an Error saying what
 * is too big (the largest offender) and what to do instead.
 */
export function checkUploadLimits(what: string, files: readonly FolderFile[]): void {
  const advice = '— keep large data in blob storage and give its URI, or submit with --no-upload to a host that shares this folder';
  if (files.length === 0) throw new Error(`${what}: there are no files to upload (are they all excluded by .amlignore / .gitignore?)`);
  if (files.length > UPLOAD_LIMITS.files) throw new Error(`${what}: ${files.length} files; uploads take ${LIMITS_TEXT} ${advice}`);
  const largest = files.reduce((big, file) => (file.size > big.size ? file : big));
  if (largest.size > UPLOAD_LIMITS.fileBytes) throw new Error(`${what}: ${largest.path} is ${mib(largest.size)}; uploads take ${LIMITS_TEXT} ${advice}`);
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (total > UPLOAD_LIMITS.totalBytes) throw new Error(`${what}: the files add up to ${mib(total)}; uploads take ${LIMITS_TEXT} ${advice}`);
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
