import { readFile } from 'node:fs/promises';
import type { JobsClient } from '../client/jobsClient';
import type { HashedFile } from './hashFiles';

/** What sending a folder came to. */
export interface SentFolder {
  /** The datastore URI the host resolves (`azureml://datastores/…/paths/LocalUpload/<hash>/`). */
  readonly uri: string;
  readonly files: number;
  readonly bytes: number;
  /** Files actually sent: 0 when the host had the folder already. */
  readonly sent: number;
}

const PARALLEL_PUTS = 4;

/**
 * Uploads a folder through the upload API: asks which files the host lacks (none, for a folder
 * it has seen), sends those a few at a time, then commits the manifest.
 */
export async function sendFolder(client: JobsClient, files: readonly HashedFile[]): Promise<SentFolder> {
  const manifest = files.map(({ path, size, sha256 }) => ({ path, size, sha256 }));
  const bytes = files.reduce((sum, file) => sum + file.size, 0);
  const status = await client.beginUpload(manifest);
  if (status.complete) return { uri: status.uri, files: files.length, bytes, sent: 0 };
  const missing = new Set(status.missing);
  const queue = files.filter((file) => missing.has(file.path));
  const worker = async (): Promise<void> => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      await client.putUploadFile(status.hash, file, await readFile(file.source));
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_PUTS, missing.size) }, worker));
  const committed = await client.commitUpload(status.hash, manifest);
  return { uri: committed.uri, files: files.length, bytes, sent: missing.size };
}
