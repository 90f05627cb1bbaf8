import type { BlobServiceClient, ContainerClient } from '@azure/storage-blob';
import { ConflictError } from '../../model/errors';
import type { UploadedFile, UploadStore } from '../../ports';
import { blobFailure, blobStatus } from './blobErrors';
import { listBlobs } from './folderTransfer';

export interface BlobUploadStoreOptions {
  readonly service: BlobServiceClient;
  /** The datastore uploads go to; its container has the same name (created by init). Default `workspaceblobstore`. */
  readonly datastore?: string;
}

/** Where Azure ML's CLI puts local uploads, too. */
const PREFIX = 'LocalUpload';

/**
 * UploadStore on Blob Storage: folder `hash` is `<datastore>/LocalUpload/<hash>/…`, each file a
 * block blob with its SHA-256 in metadata; `LocalUpload/<hash>.json` (outside the folder) holds
 * the manifest and marks it complete.
 */
export class BlobUploadStore implements UploadStore {
  readonly datastore: string;
  private readonly container: ContainerClient;

  constructor(options: BlobUploadStoreOptions) {
    this.datastore = options.datastore ?? 'workspaceblobstore';
    this.container = options.service.getContainerClient(this.datastore);
  }

  async init(): Promise<void> {
    await this.container.createIfNotExists().catch((error: unknown) => Promise.reject(blobFailure('creating container', this.datastore, error)));
  }

  uri(hash: string): string {
    return `azureml://datastores/${this.datastore}/paths/${PREFIX}/${hash}/`;
  }

  async isComplete(hash: string): Promise<boolean> {
    const marker = this.container.getBlobClient(markerOf(hash));
    return marker.exists().catch((error: unknown) => Promise.reject(blobFailure('reading', `${this.datastore}/${marker.name}`, error)));
  }

  async storedFiles(hash: string): Promise<UploadedFile[]> {
    const prefix = folderOf(hash);
    const files: UploadedFile[] = [];
    try {
      for await (const blob of this.container.listBlobsFlat({ prefix, includeMetadata: true })) {
        const sha256 = blob.metadata?.['sha256'];
        if (sha256 !== undefined) files.push({ path: blob.name.slice(prefix.length), size: blob.properties.contentLength ?? 0, sha256 });
      }
    } catch (error) {
      throw blobFailure('listing', `${this.datastore}/${prefix}`, error);
    }
    return files;
  }

  async putFile(hash: string, file: UploadedFile, data: Buffer): Promise<void> {
    if (await this.isComplete(hash)) throw new ConflictError(`upload ${hash} is complete; its files can no longer change`);
    const blob = this.container.getBlockBlobClient(folderOf(hash) + file.path);
    await blob.uploadData(data, { metadata: { sha256: file.sha256 } }).catch((error: unknown) => Promise.reject(blobFailure('writing', `${this.datastore}/${blob.name}`, error)));
  }

  async complete(hash: string, files: readonly UploadedFile[]): Promise<void> {
    const keep = new Set(files.map((file) => folderOf(hash) + file.path));
    for (const blob of await listBlobs(this.container, folderOf(hash))) {
      if (!keep.has(blob.name)) await this.container.deleteBlob(blob.name).catch((error: unknown) => Promise.reject(blobFailure('deleting', `${this.datastore}/${blob.name}`, error)));
    }
    const marker = this.container.getBlockBlobClient(markerOf(hash));
    await marker.uploadData(Buffer.from(JSON.stringify({ files })), { conditions: { ifNoneMatch: '*' } }).catch((error: unknown) => {
      if (blobStatus(error) === 409) return; // completed by someone else just now: the same files
      throw blobFailure('writing', `${this.datastore}/${marker.name}`, error);
    });
  }
}

function folderOf(hash: string): string {
  return `${PREFIX}/${hash}/`;
}

function markerOf(hash: string): string {
  return `${PREFIX}/${hash}.json`;
}
