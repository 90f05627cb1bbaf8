import { posix } from 'node:path';
import type { BlobClient, BlobServiceClient, ContainerClient } from '@azure/storage-blob';
import { NotFoundError } from '../../model/errors';
import type { ArtifactEntry, ArtifactStore, ByteRange } from '../../ports';
import { appendToBlob } from './appendBlob';
import { logBlobName, outputPrefix, safeRelativePath, snapshotPrefix, systemFileName } from './artifactPaths';
import { blobErrorCode, blobFailure, blobStatus } from './blobErrors';
import { downloadBlob, downloadFolder, listBlobs, uploadFolder } from './folderTransfer';
import { parseInputUri, type InputUriOptions } from './inputUris';
import { prepareLocalFile } from './localFolders';
import { destinationOf, entriesOf, locatedBlob, missingContainer, outputLocationFile, parseOutputLocation, type OutputLocation } from './outputLocations';
import { checkLogRange, checkOffset, logBounds } from './logRanges';
import { SerialByKey } from './serialByKey';

export interface BlobArtifactStoreOptions {
  /** From `blobServiceClient(connection)`; also the account input URIs must belong to. */
  readonly service: BlobServiceClient;
  /** The container for every job's artifacts, created by init(). Default `job-artifacts`. */
  readonly container?: string;
  /** Datastore name → container, for `azureml://datastores/<name>/…` inputs; by default the container named like the datastore. */
  readonly datastores?: Readonly<Record<string, string>>;
}

/** ArtifactStore on Blob Storage (see src/ports.ts); the layout is in artifactPaths.ts. */
export class BlobArtifactStore implements ArtifactStore {
  private readonly container: ContainerClient;
  private readonly appends = new SerialByKey();

  constructor(private readonly options: BlobArtifactStoreOptions) {
    this.container = options.service.getContainerClient(options.container ?? 'job-artifacts');
  }

  async init(): Promise<void> {
    await this.container.createIfNotExists().catch((error: unknown) => Promise.reject(blobFailure('creating container', this.container.containerName, error)));
  }

  async appendLog(job: string, logName: string, chunk: Buffer, offset?: number): Promise<string> {
    checkOffset(offset);
    const log = this.container.getAppendBlobClient(logBlobName(job, logName));
    await this.appends.run(log.name, () => appendToBlob(log, chunk, offset));
    return log.url;
  }

  async replaceLog(job: string, logName: string, data: Buffer): Promise<string> {
    const log = this.container.getAppendBlobClient(logBlobName(job, logName));
    await this.appends.run(log.name, async () => {
      await log.deleteIfExists().catch((error: unknown) => Promise.reject(blobFailure('deleting', log.name, error)));
      await appendToBlob(log, data, 0);
    });
    return log.url;
  }

  async readLog(job: string, logName: string, range?: ByteRange | { tail: number }): Promise<{ data: Buffer; size: number } | undefined> {
    checkLogRange(range);
    const log = this.container.getBlobClient(logBlobName(job, logName));
    if (range === undefined) {
      const data = await ifExists(log, () => download(log));
      return data === undefined ? undefined : { data, size: data.length };
    }
    const size = await this.logSize(job, logName);
    if (size === undefined) return undefined;
    const { start, end } = logBounds(size, range);
    return { data: end > start ? await download(log, start, end - start) : Buffer.alloc(0), size };
  }

  async logSize(job: string, logName: string): Promise<number | undefined> {
    const log = this.container.getBlobClient(logBlobName(job, logName));
    return ifExists(log, async () => (await log.getProperties()).contentLength ?? 0);
  }

  async uploadSnapshot(job: string, localDir: string): Promise<string> {
    const prefix = snapshotPrefix(job);
    await uploadFolder(this.container, prefix, localDir, 'code snapshot');
    return this.folderUrl(prefix);
  }

  async downloadSnapshot(job: string, destDir: string): Promise<void> {
    await downloadFolder(this.container, snapshotPrefix(job), destDir, 'code snapshot');
  }

  async uploadOutput(job: string, output: string, localDir: string, destination?: string): Promise<string> {
    const prefix = outputPrefix(job, output);
    if (destination === undefined) {
      await uploadFolder(this.container, prefix, localDir, `output ${output}`);
      return this.folderUrl(prefix);
    }
    const target = destinationOf(destination, this.uriOptions(), this.container.containerName);
    const container = this.options.service.getContainerClient(target.container);
    if (!(await container.exists().catch((error: unknown) => Promise.reject(blobFailure('checking container', target.container, error))))) {
      throw missingContainer(output, destination, target.container);
    }
    const files = await uploadFolder(container, target.prefix, localDir, `output ${output}`, { keepOthers: true });
    const location: OutputLocation = { uri: destination, container: target.container, prefix: target.prefix, files };
    await this.writeSystemFile(job, outputLocationFile(output), Buffer.from(JSON.stringify(location)));
    return destination;
  }

  async listOutput(job: string, output: string): Promise<ArtifactEntry[]> {
    const prefix = outputPrefix(job, output);
    const location = await this.outputLocation(job, output);
    if (location !== undefined) return entriesOf(location);
    const blobs = await listBlobs(this.container, prefix);
    return blobs.filter((blob) => !blob.name.endsWith('/')).map((blob) => ({ path: blob.name.slice(prefix.length), size: blob.size }));
  }

  async readOutputFile(job: string, output: string, path: string): Promise<NodeJS.ReadableStream | undefined> {
    const prefix = outputPrefix(job, output);
    const location = await this.outputLocation(job, output);
    const name = location === undefined ? prefix + safeRelativePath(path, 'path') : locatedBlob(location, path);
    if (name === undefined) return undefined;
    const blob = (location === undefined ? this.container : this.options.service.getContainerClient(location.container)).getBlobClient(name);
    return ifExists(blob, async () => (await blob.download()).readableStreamBody as NodeJS.ReadableStream);
  }

  async downloadInput(uri: string, destDir: string): Promise<string> {
    const location = parseInputUri(uri, this.uriOptions());
    const container = this.options.service.getContainerClient(location.container);
    const single = container.getBlobClient(location.path);
    if (!location.folderOnly && (await ifExists(single, () => single.exists()))) {
      const target = await prepareLocalFile(destDir, posix.basename(location.path), `input ${uri}`);
      await downloadBlob(container, location.path, target);
      return target;
    }
    const prefix = location.path === '' ? '' : `${location.path}/`;
    const count = await downloadFolder(container, prefix, destDir, `input ${uri}`).catch((error: unknown) => {
      throw blobErrorCode((error as Error).cause) === 'ContainerNotFound' ? new NotFoundError(`input ${uri}: container "${location.container}" does not exist`, { cause: error }) : error;
    });
    if (count === 0) throw new NotFoundError(`input ${uri}: there is no blob "${location.path}" and no blobs under "${prefix}" in container "${location.container}"`);
    return destDir;
  }

  async writeSystemFile(job: string, path: string, data: Buffer): Promise<string> {
    const blob = this.container.getBlockBlobClient(systemFileName(job, path));
    await blob.uploadData(data).catch((error: unknown) => Promise.reject(blobFailure('writing', blob.name, error)));
    return blob.url;
  }

  async readSystemFile(job: string, path: string): Promise<Buffer | undefined> {
    const blob = this.container.getBlobClient(systemFileName(job, path));
    return ifExists(blob, () => download(blob));
  }

  /** Where input URIs and output destinations point: this account, with the datastore mapping. */
  private uriOptions(): InputUriOptions {
    return { accountUrl: this.options.service.url, ...(this.options.datastores && { datastores: this.options.datastores }) };
  }

  private async outputLocation(job: string, output: string): Promise<OutputLocation | undefined> {
    const data = await this.readSystemFile(job, outputLocationFile(output));
    return data === undefined ? undefined : parseOutputLocation(data, `${this.container.containerName}/${systemFileName(job, outputLocationFile(output))}`);
  }

  private folderUrl(prefix: string): string {
    return `${this.container.getBlobClient(prefix.replace(/\/$/, '')).url}/`;
  }
}

/** Runs `read`, answering undefined when the blob (or its container) does not exist. */
async function ifExists<T>(blob: BlobClient, read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (blobStatus(error) === 404) return undefined;
    throw blobFailure('reading', `${blob.containerName}/${blob.name}`, error);
  }
}

async function download(blob: BlobClient, offset = 0, count?: number): Promise<Buffer> {
  const response = await blob.download(offset, count);
  const parts: Buffer[] = [];
  for await (const part of response.readableStreamBody as NodeJS.ReadableStream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}
