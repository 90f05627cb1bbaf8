import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { UploadFile } from '../../jobs/api/uploadManifest';
import type { FolderFile } from './folderFiles';

/** A file to upload: its manifest entry and where to read it. */
export interface HashedFile extends UploadFile {
  readonly source: string;
}

/** The manifest entries of `files`: each one's SHA-256, read as a stream (a few files at a time). */
export async function hashFiles(files: readonly FolderFile[]): Promise<HashedFile[]> {
  const hashed: HashedFile[] = [];
  for (let start = 0; start < files.length; start += 8) {
    hashed.push(...(await Promise.all(files.slice(start, start + 8).map(async (file) => ({
      path: file.path, size: file.size, source: file.source, sha256: await sha256Of(file.source),
    })))));
  }
  return hashed;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}
