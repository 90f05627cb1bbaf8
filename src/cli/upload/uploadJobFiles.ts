import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { NormalizedJob } from '../../model';
import type { JobsClient } from '../client/jobsClient';
import { formatBytes } from '../commands/common/format';
import { folderFiles, type FolderListing } from './folderFiles';
import { hashFiles } from './hashFiles';
import { localPathsOf, type LocalPath } from './localPaths';
import { rewriteJobText, type Replacement } from './rewriteJobText';
import { sendFolder } from './sendFolder';
import { checkUploadLimits } from './uploadLimits';

/**
 * What `submit` does before sending a job, like `az ml job create`: uploads the job's local
 * `code` folder and local data inputs through the upload API (content-addressed: an unchanged
 * folder is not sent again) and rewrites their paths to the datastore URIs the host resolves.
 * Reports one line per upload through `report`. Returns the job text to send.
 */
export async function uploadJobFiles(client: JobsClient, job: NormalizedJob, jobFile: string, text: string, report: (line: string) => void): Promise<string> {
  const local = await localPathsOf(job, jobFile);
  if (local.length === 0) return text;
  const replacements: Replacement[] = [];
  for (const item of local) replacements.push({ at: item.at, value: await upload(client, item, report) });
  return rewriteJobText(text, replacements, path.extname(jobFile).toLowerCase() === '.json');
}

async function upload(client: JobsClient, item: LocalPath, report: (line: string) => void): Promise<string> {
  const what = `${item.at.join('.')} ${item.written}`;
  const listing: FolderListing = item.kind === 'file'
    ? { files: [{ path: path.basename(item.local), source: item.local, size: (await stat(item.local)).size }], skippedLinks: [] }
    : await folderFiles(item.local, { ignoreFiles: item.kind === 'code' });
  const files = listing.files;
  checkUploadLimits(what, files);
  const sent = await sendFolder(client, await hashFiles(files));
  const size = `${sent.files} file${sent.files === 1 ? '' : 's'}, ${formatBytes(sent.bytes)}`;
  report(sent.sent === 0 ? `${what}: unchanged (${size}), not sent again → ${sent.uri}` : `uploaded ${what}: ${size} → ${sent.uri}`);
  if (listing.skippedLinks.length > 0) report(`  left out ${listing.skippedLinks.length} symbolic link(s) leading out of the folder or to a folder: ${listing.skippedLinks.slice(0, 5).join(', ')}`);
  return item.kind === 'file' ? `${sent.uri}${path.basename(item.local)}` : sent.uri;
}
