import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { ContainerClient } from '@azure/storage-blob';
import type { ArtifactEntry } from '../../ports';
import { safeRelativePath } from './artifactPaths';
import { blobFailure } from './blobErrors';
import { listLocalFiles, openLocalFile, prepareLocalFile } from './localFolders';

/**
 * Folders of block blobs under a prefix (`<job>/code/`, `<job>/outputs/<name>/`): uploaded from a
 * local folder, downloaded into one. Blob storage has no folders, so empty local folders are not
 * kept. Transfers run a few at a time.
 */

const PARALLEL_TRANSFERS = 8;
/** Files up to this size go up in one request; larger ones are streamed in blocks. */
const SINGLE_UPLOAD_BYTES = 8 * 1024 * 1024;

/**
 * Uploads the files of `localDir` under `prefix` and returns them (relative path, size). By default
 * `prefix` then holds exactly those files: blobs left from an earlier upload are deleted; with
 * `keepOthers` (a destination shared with other data) nothing is deleted.
 */
export async function uploadFolder(container: ContainerClient, prefix: string, localDir: string, what: string, options: { keepOthers?: boolean } = {}): Promise<ArtifactEntry[]> {
  const files = await listLocalFiles(localDir, what);
  const names = new Set<string>();
  const uploaded: ArtifactEntry[] = [];
  await forEachLimit(files, async (file) => {
    const relative = safeRelativePath(file.path, `${what} file`);
    uploaded.push({ path: relative, size: file.size });
    const name = prefix + relative;
    names.add(name);
    const blob = container.getBlockBlobClient(name);
    const handle = await openLocalFile(file);
    try {
      if (file.size <= SINGLE_UPLOAD_BYTES) await blob.uploadData(await handle.readFile());
      else await blob.uploadStream(handle.createReadStream({ autoClose: false }), 4 * 1024 * 1024, 4);
    } catch (error) {
      throw blobFailure(`uploading ${file.source} to`, `${container.containerName}/${name}`, error);
    } finally {
      await handle.close();
    }
  });
  if (!options.keepOthers) {
    const stale = (await listBlobs(container, prefix)).filter((blob) => !names.has(blob.name));
    await forEachLimit(stale, (blob) => container.deleteBlob(blob.name).then(() => undefined));
  }
  return uploaded.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Writes every blob under `prefix` into `destDir`, keeping paths below the prefix; returns how many. */
export async function downloadFolder(container: ContainerClient, prefix: string, destDir: string, what: string): Promise<number> {
  // A name ending in "/" is a folder marker (e.g. from Data Lake tools), not a file.
  const blobs = (await listBlobs(container, prefix)).filter((blob) => !blob.name.endsWith('/'));
  await mkdir(destDir, { recursive: true });
  await forEachLimit(blobs, async (blob) => {
    const target = await prepareLocalFile(destDir, blob.name.slice(prefix.length), `${what} blob ${blob.name}`);
    await downloadBlob(container, blob.name, target);
  });
  return blobs.length;
}

export async function downloadBlob(container: ContainerClient, name: string, target: string): Promise<void> {
  try {
    const response = await container.getBlobClient(name).download();
    await pipeline(response.readableStreamBody as NodeJS.ReadableStream, createWriteStream(target));
  } catch (error) {
    throw blobFailure(`downloading to ${target} from`, `${container.containerName}/${name}`, error);
  }
}

export async function listBlobs(container: ContainerClient, prefix: string): Promise<Array<{ name: string; size: number }>> {
  const blobs: Array<{ name: string; size: number }> = [];
  try {
    for await (const blob of container.listBlobsFlat({ prefix })) blobs.push({ name: blob.name, size: blob.properties.contentLength ?? 0 });
  } catch (error) {
    throw blobFailure('listing', `${container.containerName}/${prefix}`, error);
  }
  return blobs;
}

async function forEachLimit<T>(items: readonly T[], task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      await task(items[next++] as T).catch((error: unknown) => {
        failed = true; // no new transfers once one has failed
        throw error;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_TRANSFERS, items.length) }, worker));
}
