import { createHash, randomUUID } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BlobUploadStore } from '../../src/adapters/blob/uploadStore';
import { beginUploadRequest, commitUploadRequest, putUploadFileRequest, type UploadApiRequest } from '../../src/jobs/api/uploads';
import { uploadHash, UPLOAD_LIMITS } from '../../src/jobs/api/uploadManifest';
import { PayloadTooLargeError } from '../../src/jobs/api/responses';
import { ConflictError, ValidationError } from '../../src/model';

/** The upload API's handlers on Azurite: each test uploads its own files to a fresh datastore. */

const service = BlobServiceClient.fromConnectionString(inject('storageConnectionString'));
const datastore = `uploads-${randomUUID().slice(0, 8)}`;
const store = new BlobUploadStore({ service, datastore });
beforeAll(() => store.init());
afterAll(() => service.getContainerClient(datastore).deleteIfExists());

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function request(options: { params?: Record<string, string>; headers?: Record<string, string>; body?: Buffer | string } = {}): UploadApiRequest {
  const body = Buffer.from(options.body ?? '');
  const headers: Record<string, string> = { 'content-length': String(body.length), ...options.headers };
  return {
    params: options.params ?? {}, query: new URLSearchParams(),
    headers: { get: (name) => headers[name.toLowerCase()] ?? null },
    text: async () => body.toString('utf8'),
    arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.length) as ArrayBuffer,
  };
}

/** A folder of fresh files: manifest, contents by path, hash. */
function folder(files: Record<string, string>) {
  const contents = new Map(Object.entries(files).map(([path, text]) => [path, Buffer.from(`${text} ${randomUUID()}`)]));
  const manifest = [...contents].map(([path, data]) => ({ path, size: data.length, sha256: sha(data) }));
  return { contents, manifest, hash: uploadHash(manifest), body: JSON.stringify({ files: manifest }) };
}

const begin = async (body: string) => (await beginUploadRequest(store, request({ body }))).jsonBody as { hash: string; uri: string; complete: boolean; missing: string[] };
const put = (hash: string, path: string, data: Buffer, sha256 = sha(data)) => putUploadFileRequest(store, request({ params: { hash, path }, headers: { 'x-content-sha256': sha256 }, body: data }));
const commit = (hash: string, body: string) => commitUploadRequest(store, request({ params: { hash }, body }));

describe('the upload API', () => {
  it('takes a folder in three steps and answers the datastore URI; the same folder again is complete at once', async () => {
    const { contents, hash, body } = folder({ 'train.py': 'print', 'pkg/util.py': 'util' });
    expect(await begin(body)).toEqual({ hash, uri: `azureml://datastores/${datastore}/paths/LocalUpload/${hash}/`, complete: false, missing: ['train.py', 'pkg/util.py'] });
    for (const [path, data] of contents) expect((await put(hash, path, data)).status).toBe(204);
    expect((await commit(hash, body)).jsonBody).toEqual({ hash, uri: `azureml://datastores/${datastore}/paths/LocalUpload/${hash}/`, files: 2, bytes: [...contents.values()].reduce((n, d) => n + d.length, 0) });

    expect(await begin(body)).toMatchObject({ complete: true, missing: [] });
    expect((await store.storedFiles(hash)).map((file) => file.path).sort()).toEqual(['pkg/util.py', 'train.py']);
  });

  it('resumes an interrupted upload: only the files not stored yet are missing', async () => {
    const { contents, hash, body } = folder({ 'a.txt': 'a', 'b.txt': 'b' });
    await put(hash, 'a.txt', contents.get('a.txt')!);
    expect((await begin(body)).missing).toEqual(['b.txt']);
  });

  it('refuses bytes that do not match their SHA-256, unsafe paths and malformed hashes', async () => {
    const { hash } = folder({ 'a.txt': 'a' });
    await expect(put(hash, 'a.txt', Buffer.from('tampered'), sha(Buffer.from('original')))).rejects.toThrow(/have SHA-256 [0-9a-f]{64}, not [0-9a-f]{64}; send the file again/);
    await expect(put(hash, '../escape.txt', Buffer.from('x'))).rejects.toThrow(ValidationError);
    await expect(put(hash, 'a/./b.txt', Buffer.from('x'))).rejects.toThrow('is not in normal form; expected "a/b.txt"');
    await expect(put('not-a-hash', 'a.txt', Buffer.from('x'))).rejects.toThrow('"not-a-hash" is not an upload hash');
    await expect(put(hash, 'a.txt', Buffer.from('x'), 'abc')).rejects.toThrow('send the SHA-256 of the body in the x-content-sha256 header');
    const oversized = request({ params: { hash, path: 'big.bin' }, headers: { 'x-content-sha256': sha(Buffer.from('x')), 'content-length': String(UPLOAD_LIMITS.fileBytes + 1) } });
    await expect(putUploadFileRequest(store, oversized)).rejects.toThrow(new PayloadTooLargeError(`"big.bin" is ${UPLOAD_LIMITS.fileBytes + 1} bytes; an uploaded file may have at most ${UPLOAD_LIMITS.fileBytes} bytes — keep larger data in blob storage and give its URI`));
  });

  it('refuses manifests with unsafe or repeated paths, too many bytes, or no files, naming each problem', async () => {
    const file = { size: 1, sha256: sha(Buffer.from('x')) };
    const refused = await begin(JSON.stringify({ files: [{ path: '/etc/passwd', ...file }, { path: 'a', ...file }, { path: 'a', ...file }, { path: 'big', size: UPLOAD_LIMITS.fileBytes + 1, sha256: file.sha256 }] })).catch((err: unknown) => err);
    expect((refused as ValidationError).issues.map((issue) => issue.path)).toEqual(['files.3.size', 'files.0.path', 'files.2.path']);
    await expect(begin(JSON.stringify({ files: [] }))).rejects.toThrow(ValidationError);
    await expect(begin('not json')).rejects.toThrow('the request body is not valid JSON');
  });

  it('commits only a complete folder, names what is missing, and keeps nothing that is not in the manifest', async () => {
    const { contents, hash, body } = folder({ 'a.txt': 'a', 'b.txt': 'b' });
    await put(hash, 'a.txt', contents.get('a.txt')!);
    await put(hash, 'stray.txt', Buffer.from('not in the manifest'));
    await expect(commit(hash, body)).rejects.toThrow(new ConflictError(`upload ${hash} lacks 1 of its 2 files (b.txt); PUT them, then commit again`));
    await put(hash, 'b.txt', contents.get('b.txt')!);
    expect((await commit(hash, body)).status).toBe(200);
    expect((await store.storedFiles(hash)).map((stored) => stored.path).sort()).toEqual(['a.txt', 'b.txt']);
  });

  it('never changes a complete folder, and commits only the manifest the hash was made from', async () => {
    const { contents, hash, body } = folder({ 'a.txt': 'a' });
    await put(hash, 'a.txt', contents.get('a.txt')!);
    await commit(hash, body);
    await expect(put(hash, 'a.txt', Buffer.from('changed'))).rejects.toThrow(`upload ${hash} is complete; its files can no longer change`);
    const other = folder({ 'z.txt': 'z' });
    await expect(commit(hash, other.body)).rejects.toThrow(`this manifest has hash ${other.hash}, not ${hash}`);
  });
});
