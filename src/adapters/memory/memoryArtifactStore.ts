import { mkdir, writeFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { NotFoundError } from '../../model/errors';
import type { ArtifactEntry, ArtifactStore, ByteRange } from '../../ports';
import { logBlobName, outputPrefix, safeRelativePath, snapshotPrefix, systemFileName } from '../blob/artifactPaths';
import { parseInputUri, type InputUriOptions } from '../blob/inputUris';
import { listLocalFiles, openLocalFile, prepareLocalFile } from '../blob/localFolders';
import { destinationOf, entriesOf, locatedBlob, missingContainer, outputLocationFile, parseOutputLocation, type OutputLocation } from '../blob/outputLocations';
import { bytesAlreadyThere, checkLogRange, checkOffset, logBounds } from '../blob/logRanges';

export interface MemoryArtifactStoreOptions {
  /** The artifact container. Default `job-artifacts`. */
  readonly container?: string;
  /** Datastore name → container for `azureml://` inputs, as in BlobArtifactStore. */
  readonly datastores?: Readonly<Record<string, string>>;
}

/** The fake account's blob endpoint: URLs look like real blob URLs, on a host that cannot resolve. */
export const MEMORY_ACCOUNT_URL = 'https://memory.invalid/';

/**
 * An ArtifactStore in memory with BlobArtifactStore's layout, path checks, log ranges, offsets
 * and input URIs, for pure unit tests. Local folders are read and written for real.
 */
export class MemoryArtifactStore implements ArtifactStore {
  private readonly blobs = new Map<string, Buffer>();
  private readonly container: string;
  /** Containers that exist: the artifact container and those putBlob wrote to. */
  private readonly containers = new Set<string>();

  constructor(private readonly options: MemoryArtifactStoreOptions = {}) {
    this.container = options.container ?? 'job-artifacts';
    this.containers.add(this.container);
  }

  async init(): Promise<void> {}

  /** Test hook: stores a blob in any container of the fake account and returns its URL (for downloadInput). */
  putBlob(container: string, name: string, data: Buffer): string {
    this.containers.add(container);
    this.blobs.set(`${container}/${name}`, Buffer.from(data));
    return blobUrl(container, name);
  }

  async appendLog(job: string, logName: string, chunk: Buffer, offset?: number): Promise<string> {
    checkOffset(offset);
    const name = logBlobName(job, logName);
    await nextTurn();
    const current = this.blobs.get(this.key(name)) ?? Buffer.alloc(0);
    const skip = offset === undefined ? 0 : bytesAlreadyThere(current.length, offset, chunk.length, `log ${this.container}/${name}`);
    this.blobs.set(this.key(name), Buffer.concat([current, chunk.subarray(skip)]));
    return blobUrl(this.container, name);
  }

  async replaceLog(job: string, logName: string, data: Buffer): Promise<string> {
    const name = logBlobName(job, logName);
    await nextTurn();
    this.blobs.set(this.key(name), Buffer.from(data));
    return blobUrl(this.container, name);
  }

  async readLog(job: string, logName: string, range?: ByteRange | { tail: number }): Promise<{ data: Buffer; size: number } | undefined> {
    checkLogRange(range);
    const name = logBlobName(job, logName);
    await nextTurn();
    const data = this.blobs.get(this.key(name));
    if (data === undefined) return undefined;
    const { start, end } = logBounds(data.length, range);
    return { data: Buffer.from(data.subarray(start, end)), size: data.length };
  }

  async logSize(job: string, logName: string): Promise<number | undefined> {
    const name = logBlobName(job, logName);
    await nextTurn();
    return this.blobs.get(this.key(name))?.length;
  }

  async writeSystemFile(job: string, path: string, data: Buffer): Promise<string> {
    const name = systemFileName(job, path);
    await nextTurn();
    this.blobs.set(this.key(name), Buffer.from(data));
    return blobUrl(this.container, name);
  }

  async readSystemFile(job: string, path: string): Promise<Buffer | undefined> {
    const name = systemFileName(job, path);
    await nextTurn();
    const data = this.blobs.get(this.key(name));
    return data === undefined ? undefined : Buffer.from(data);
  }

  async uploadSnapshot(job: string, localDir: string): Promise<string> {
    return this.uploadFolder(snapshotPrefix(job), localDir, 'code snapshot');
  }

  async downloadSnapshot(job: string, destDir: string): Promise<void> {
    await this.downloadFolder(this.container, snapshotPrefix(job), destDir, 'code snapshot');
  }

  async uploadOutput(job: string, output: string, localDir: string, destination?: string): Promise<string> {
    const prefix = outputPrefix(job, output);
    if (destination === undefined) return this.uploadFolder(prefix, localDir, `output ${output}`);
    const target = destinationOf(destination, this.uriOptions(), this.container);
    if (!this.containers.has(target.container)) throw missingContainer(output, destination, target.container);
    const contents = await this.readFolder(target.prefix, localDir, `output ${output}`);
    const files = [...contents].map(([name, data]) => ({ path: name.slice(target.prefix.length), size: data.length }));
    for (const [name, data] of contents) this.blobs.set(`${target.container}/${name}`, data);
    const location: OutputLocation = { uri: destination, container: target.container, prefix: target.prefix, files };
    await this.writeSystemFile(job, outputLocationFile(output), Buffer.from(JSON.stringify(location)));
    return destination;
  }

  async listOutput(job: string, output: string): Promise<ArtifactEntry[]> {
    const prefix = outputPrefix(job, output);
    const location = await this.outputLocation(job, output);
    if (location !== undefined) return entriesOf(location);
    return this.names(this.container, prefix).map((name) => ({ path: name.slice(prefix.length), size: this.blobs.get(this.key(name))?.length ?? 0 }));
  }

  async readOutputFile(job: string, output: string, path: string): Promise<NodeJS.ReadableStream | undefined> {
    const prefix = outputPrefix(job, output);
    const location = await this.outputLocation(job, output);
    const name = location === undefined ? prefix + safeRelativePath(path, 'path') : locatedBlob(location, path);
    const data = name === undefined ? undefined : this.blobs.get(`${location?.container ?? this.container}/${name}`);
    return data === undefined ? undefined : Readable.from([Buffer.from(data)]);
  }

  async downloadInput(uri: string, destDir: string): Promise<string> {
    const location = parseInputUri(uri, this.uriOptions());
    const single = this.blobs.get(`${location.container}/${location.path}`);
    if (!location.folderOnly && single !== undefined) {
      const target = await prepareLocalFile(destDir, posix.basename(location.path), `input ${uri}`);
      await writeFile(target, single);
      return target;
    }
    const prefix = location.path === '' ? '' : `${location.path}/`;
    if ((await this.downloadFolder(location.container, prefix, destDir, `input ${uri}`)) === 0) {
      throw new NotFoundError(`input ${uri}: there is no blob "${location.path}" and no blobs under "${prefix}" in container "${location.container}"`);
    }
    return destDir;
  }

  private async uploadFolder(prefix: string, localDir: string, what: string): Promise<string> {
    const contents = await this.readFolder(prefix, localDir, what);
    for (const name of this.names(this.container, prefix)) this.blobs.delete(this.key(name));
    for (const [name, data] of contents) this.blobs.set(this.key(name), data);
    return `${blobUrl(this.container, prefix.replace(/\/$/, ''))}/`;
  }

  /** The files of `localDir` by their blob names under `prefix`. */
  private async readFolder(prefix: string, localDir: string, what: string): Promise<Map<string, Buffer>> {
    const contents = new Map<string, Buffer>();
    for (const file of await listLocalFiles(localDir, what)) {
      const handle = await openLocalFile(file);
      contents.set(prefix + safeRelativePath(file.path, `${what} file`), await handle.readFile().finally(() => handle.close()));
    }
    return contents;
  }

  private uriOptions(): InputUriOptions {
    return { accountUrl: MEMORY_ACCOUNT_URL, ...(this.options.datastores && { datastores: this.options.datastores }) };
  }

  private async outputLocation(job: string, output: string): Promise<OutputLocation | undefined> {
    const data = await this.readSystemFile(job, outputLocationFile(output));
    return data === undefined ? undefined : parseOutputLocation(data, `${this.container}/${systemFileName(job, outputLocationFile(output))}`);
  }

  private async downloadFolder(container: string, prefix: string, destDir: string, what: string): Promise<number> {
    const names = this.names(container, prefix);
    await mkdir(destDir, { recursive: true });
    for (const name of names) {
      const target = await prepareLocalFile(destDir, name.slice(prefix.length), `${what} blob ${name}`);
      await writeFile(target, this.blobs.get(`${container}/${name}`) ?? Buffer.alloc(0));
    }
    return names.length;
  }

  private names(container: string, prefix: string): string[] {
    const start = `${container}/${prefix}`;
    return [...this.blobs.keys()].filter((key) => key.startsWith(start)).map((key) => key.slice(container.length + 1)).sort();
  }

  private key(name: string): string {
    return `${this.container}/${name}`;
  }
}

function blobUrl(container: string, name: string): string {
  return `${MEMORY_ACCOUNT_URL}${container}/${name.split('/').map(encodeURIComponent).join('/')}`;
}
