import { createHash } from 'node:crypto';
import { ConflictError, ValidationError } from '../../model';
import type { UploadStore } from '../../ports';
import type { ApiRequest } from './handlers';
import { json, PayloadTooLargeError, type ApiResponse } from './responses';
import { Sha256Hex, UPLOAD_LIMITS, UploadManifest, uploadHash, uploadPath, type UploadCommitted, type UploadFile, type UploadStatus } from './uploadManifest';

/**
 * The upload API the CLI uses to send a job's local folders (auth level function):
 * 1. `POST /api/uploads` with the manifest `{"files": [{path, size, sha256}]}`: the folder's hash
 *    and datastore URI, whether it is complete already (then nothing needs sending), and which
 *    files are missing (an interrupted upload resumes);
 * 2. `PUT /api/uploads/{hash}/files/{path}` per missing file, the bytes as the body and their
 *    SHA-256 in `x-content-sha256` (checked: a mismatch is a 400);
 * 3. `POST /api/uploads/{hash}/commit` with the same manifest: checks every file is there and
 *    seals the folder (409 naming the files still missing).
 */

export interface UploadApiRequest extends ApiRequest {
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A manifest of 10,000 files is about 1.5 MB. */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

export async function beginUploadRequest(store: UploadStore, request: ApiRequest): Promise<ApiResponse> {
  const files = await manifestOf(request);
  const hash = uploadHash(files);
  const complete = await store.isComplete(hash);
  const missing = complete ? [] : missingFiles(files, await store.storedFiles(hash));
  return json(200, { hash, uri: store.uri(hash), complete, missing } satisfies UploadStatus);
}

export async function putUploadFileRequest(store: UploadStore, request: UploadApiRequest): Promise<ApiResponse> {
  const hash = hashParam(request);
  const path = uploadPath(request.params['path'] ?? '', 'path');
  const claimed = Sha256Hex.safeParse(request.headers.get('x-content-sha256'));
  if (!claimed.success) throw invalid('x-content-sha256', 'send the SHA-256 of the body in the x-content-sha256 header, as 64 lowercase hexadecimal digits');
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > UPLOAD_LIMITS.fileBytes) throw tooLarge(path, length);
  const data = Buffer.from(await request.arrayBuffer());
  if (data.length > UPLOAD_LIMITS.fileBytes) throw tooLarge(path, data.length);
  const sha256 = createHash('sha256').update(data).digest('hex');
  if (sha256 !== claimed.data) throw invalid('x-content-sha256', `the ${data.length} bytes received for "${path}" have SHA-256 ${sha256}, not ${claimed.data}; send the file again`);
  await store.putFile(hash, { path, size: data.length, sha256 }, data);
  return { status: 204 };
}

export async function commitUploadRequest(store: UploadStore, request: ApiRequest): Promise<ApiResponse> {
  const hash = hashParam(request);
  const files = await manifestOf(request);
  if (uploadHash(files) !== hash) throw invalid('files', `this manifest has hash ${uploadHash(files)}, not ${hash}; commit the manifest the upload began with`);
  if (!(await store.isComplete(hash))) {
    const missing = missingFiles(files, await store.storedFiles(hash));
    if (missing.length > 0) throw new ConflictError(`upload ${hash} lacks ${missing.length} of its ${files.length} files (${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}); PUT them, then commit again`);
    await store.complete(hash, files);
  }
  return json(200, { hash, uri: store.uri(hash), files: files.length, bytes: files.reduce((sum, file) => sum + file.size, 0) } satisfies UploadCommitted);
}

/** The manifest's files not stored yet with that size and SHA-256. */
function missingFiles(files: readonly UploadFile[], stored: readonly UploadFile[]): string[] {
  const have = new Set(stored.map((file) => `${file.path}\n${file.size}\n${file.sha256}`));
  return files.filter((file) => !have.has(`${file.path}\n${file.size}\n${file.sha256}`)).map((file) => file.path);
}

async function manifestOf(request: ApiRequest): Promise<UploadFile[]> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_MANIFEST_BYTES) throw new PayloadTooLargeError(`an upload manifest may have at most ${MAX_MANIFEST_BYTES} bytes`);
  const text = await request.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw invalid('', `the request body is not valid JSON (${(err as Error).message}); send {"files": [{"path", "size", "sha256"}, …]}`);
  }
  const parsed = UploadManifest.safeParse(body);
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })), { summary: 'invalid upload manifest' });
  return parsed.data.files;
}

function hashParam(request: ApiRequest): string {
  const hash = request.params['hash'] ?? '';
  if (!Sha256Hex.safeParse(hash).success) throw invalid('hash', `"${hash}" is not an upload hash (64 lowercase hexadecimal digits, from POST /api/uploads)`);
  return hash;
}

function tooLarge(path: string, bytes: number): PayloadTooLargeError {
  return new PayloadTooLargeError(`"${path}" is ${bytes} bytes; an uploaded file may have at most ${UPLOAD_LIMITS.fileBytes} bytes — keep larger data in blob storage and give its URI`);
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError([{ path, message }], { summary: 'invalid upload' });
}
