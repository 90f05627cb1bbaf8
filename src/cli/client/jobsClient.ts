import type { z } from 'zod';
import { UploadCommitted, UploadStatus, type UploadFile } from '../../jobs/api/uploadManifest';
import { ApiError, HostUnreachableError, JobNotFoundError, UnauthorizedError } from './errors';
import { ApiErrorBody, HostErrorBody, JobList, JobView, LogFileList, OutputFiles, OutputList } from './types';

/**
 * A small typed client of the job API (`/api/jobs…`). The key goes in the `x-functions-key`
 * header, never in a URL. Failures become the errors of ./errors.ts.
 */

export const DEFAULT_URL = 'http://127.0.0.1:7071';

export interface JobsClientOptions {
  /** The host's base URL, e.g. http://127.0.0.1:7071 (a trailing `/api` is accepted). */
  readonly url: string;
  readonly key?: string | undefined;
  /** Per request, headers and body; downloads are not limited. Default 30 s. */
  readonly timeoutMs?: number;
}

export interface ListQuery {
  readonly status?: readonly string[];
  readonly type?: string;
  readonly experiment?: string;
  readonly tags?: readonly string[];
  readonly top?: number;
  readonly continuationToken?: string;
  readonly counts?: boolean;
}

/** A piece of a log, and the log's size when it was read. `data` is empty when nothing is past `from`. */
export interface LogRead {
  readonly data: Uint8Array;
  readonly size: number;
}

interface Call {
  readonly method?: string;
  readonly query?: URLSearchParams;
  readonly headers?: Record<string, string>;
  readonly body?: string | Uint8Array;
  /** Instead of the client's timeout (a large upload takes longer). */
  readonly timeoutMs?: number;
  /** The job the call is about: a 404 from the app then means "no job named …". */
  readonly job?: string;
  /** Statuses to hand back instead of throwing. */
  readonly accept?: readonly number[];
  readonly stream?: boolean;
}

export class JobsClient {
  readonly url: string;

  constructor(private readonly options: JobsClientOptions) {
    this.url = normalizeUrl(options.url);
  }

  async submit(body: string, options: { name?: string; contentType: string }): Promise<{ job: JobView; created: boolean }> {
    const query = new URLSearchParams(options.name === undefined ? {} : { name: options.name });
    const response = await this.call('jobs', { method: 'POST', query, body, headers: { 'content-type': options.contentType } });
    return { job: await parsed(response, JobView), created: response.status === 201 };
  }

  async show(name: string): Promise<JobView> {
    return parsed(await this.call(`jobs/${enc(name)}`, { job: name }), JobView);
  }

  async list(query: ListQuery): Promise<JobList> {
    const params = new URLSearchParams();
    if (query.status?.length) params.set('status', query.status.join(','));
    if (query.type !== undefined) params.set('type', query.type);
    if (query.experiment !== undefined) params.set('experiment', query.experiment);
    for (const tag of query.tags ?? []) params.append('tag', tag);
    if (query.top !== undefined) params.set('top', String(query.top));
    if (query.counts === false) params.set('counts', 'false');
    const headers: Record<string, string> = query.continuationToken === undefined ? {} : { 'x-ms-continuation-token': query.continuationToken };
    return parsed(await this.call('jobs', { query: params, headers }), JobList);
  }

  async cancel(name: string, reason?: string): Promise<JobView> {
    const body = reason === undefined ? '' : JSON.stringify({ reason });
    return parsed(await this.call(`jobs/${enc(name)}/cancel`, { method: 'POST', body, job: name, headers: { 'content-type': 'application/json' } }), JobView);
  }

  async redrive(name: string): Promise<JobView> {
    return parsed(await this.call(`jobs/${enc(name)}/redrive`, { method: 'POST', body: '', job: name }), JobView);
  }

  async logFiles(name: string): Promise<LogFileList> {
    return parsed(await this.call(`jobs/${enc(name)}/logs`, { job: name }), LogFileList);
  }

  /** The whole log, its last `tail` lines, or what lies past byte `from`. */
  async readLog(name: string, file: string, part: { from: number } | { tail: number } | undefined = undefined): Promise<LogRead> {
    const path = `jobs/${enc(name)}/logs/${file.split('/').map(enc).join('/')}`;
    const query = part !== undefined && 'tail' in part ? new URLSearchParams({ tail: String(part.tail) }) : undefined;
    const headers: Record<string, string> = part !== undefined && 'from' in part ? { range: `bytes=${part.from}-` } : {};
    const response = await this.call(path, { ...(query && { query }), headers, accept: [416] });
    const size = Number(response.headers.get('x-log-size') ?? NaN);
    if (response.status === 416) {
      await response.body?.cancel();
      return { data: new Uint8Array(0), size };
    }
    const data = new Uint8Array(await response.arrayBuffer());
    return { data, size: Number.isFinite(size) ? size : data.length };
  }

  async outputs(name: string): Promise<OutputList> {
    return parsed(await this.call(`jobs/${enc(name)}/outputs`, { job: name }), OutputList);
  }

  async outputFiles(name: string, output: string): Promise<OutputFiles> {
    return parsed(await this.call(`jobs/${enc(name)}/outputs/${enc(output)}`), OutputFiles);
  }

  /** The file's bytes as a stream. */
  async downloadOutputFile(name: string, output: string, path: string): Promise<ReadableStream<Uint8Array>> {
    const response = await this.call(`jobs/${enc(name)}/outputs/${enc(output)}`, { query: new URLSearchParams({ path }), stream: true });
    if (!response.body) throw new ApiError(response.status, 'EmptyBody', `GET ${output}/${path} of job ${name}: the host sent no body`);
    return response.body;
  }

  /** Starts (or resumes, or finds complete) the upload of a folder: `POST /api/uploads`. */
  async beginUpload(files: readonly UploadFile[]): Promise<UploadStatus> {
    return parsed(await this.call('uploads', { method: 'POST', body: JSON.stringify({ files }), headers: { 'content-type': 'application/json' } }), UploadStatus);
  }

  async putUploadFile(hash: string, file: UploadFile, data: Uint8Array): Promise<void> {
    const path = `uploads/${enc(hash)}/files/${file.path.split('/').map(enc).join('/')}`;
    const headers = { 'content-type': 'application/octet-stream', 'x-content-sha256': file.sha256 };
    await (await this.call(path, { method: 'PUT', body: data, headers, timeoutMs: 600_000 })).body?.cancel();
  }

  async commitUpload(hash: string, files: readonly UploadFile[]): Promise<UploadCommitted> {
    const response = await this.call(`uploads/${enc(hash)}/commit`, { method: 'POST', body: JSON.stringify({ files }), headers: { 'content-type': 'application/json' } });
    return parsed(response, UploadCommitted);
  }

  private async call(path: string, call: Call = {}): Promise<Response> {
    const method = call.method ?? 'GET';
    const target = `${this.url}/api/${path}${call.query && [...call.query.keys()].length > 0 ? `?${call.query}` : ''}`;
    const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
    if (this.options.key) headers['x-functions-key'] = this.options.key;
    let response: Response;
    try {
      response = await fetch(target, {
        method, headers,
        ...(call.body !== undefined && { body: call.body }),
        ...(!call.stream && { signal: AbortSignal.timeout(call.timeoutMs ?? this.options.timeoutMs ?? 30_000) }),
      });
    } catch (err) {
      throw new HostUnreachableError(this.url, networkReason(err), { cause: err });
    }
    if (response.ok || call.accept?.includes(response.status)) return response;
    throw await this.failure(method, path, response, call.job);
  }

  private async failure(method: string, path: string, response: Response, job: string | undefined): Promise<Error> {
    if (response.status === 401) return new UnauthorizedError(this.url, Boolean(this.options.key));
    const text = await response.text().catch(() => '');
    const body = safeJson(text);
    const app = ApiErrorBody.safeParse(body);
    if (app.success) {
      if (response.status === 404 && job !== undefined && app.data.error.code === 'NotFound') return new JobNotFoundError(job);
      const { code, message, details = [] } = app.data.error;
      return new ApiError(response.status, code, message, details);
    }
    const host = HostErrorBody.safeParse(body);
    if (host.success && response.status === 404) {
      return new ApiError(404, host.data.error, `the host at ${this.url} has no job API (${method} /api/${path}: ${host.data.message}) — is it a durable-jobs host?`);
    }
    const said = host.success ? host.data.message : text.trim().slice(0, 300) || response.statusText;
    return new ApiError(response.status, host.success ? host.data.error : `Http${response.status}`, `${method} /api/${path} answered ${response.status}: ${said}`);
  }
}

function normalizeUrl(url: string): string {
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url);
  } catch {
    throw new ApiError(0, 'InvalidUrl', `--url must be an http(s) URL such as ${DEFAULT_URL} (got "${url}")`);
  }
  if (parsedUrl.protocol !== 'http:' && parsedUrl.protocol !== 'https:') throw new ApiError(0, 'InvalidUrl', `--url must be an http(s) URL such as ${DEFAULT_URL} (got "${url}")`);
  if (parsedUrl.username || parsedUrl.password || parsedUrl.search) throw new ApiError(0, 'InvalidUrl', '--url takes no credentials or query; put the key in DURABLE_JOBS_KEY');
  return `${parsedUrl.origin}${parsedUrl.pathname.replace(/\/+$/, '').replace(/\/api$/, '')}`;
}

async function parsed<T extends z.ZodType>(response: Response, schema: T): Promise<z.infer<T>> {
  const text = await response.text();
  const result = schema.safeParse(safeJson(text));
  if (!result.success) {
    const where = result.error.issues[0];
    throw new ApiError(response.status, 'UnexpectedAnswer', `the host answered ${response.url} with something this CLI does not understand (${where?.path.join('.') || 'body'}: ${where?.message ?? 'not JSON'}) — is the CLI as new as the host?`);
  }
  // Validated; handed back as the server sent it (field order included) for -o json / yaml.
  return JSON.parse(text) as z.infer<T>;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** ECONNREFUSED, ENOTFOUND, a timeout … from fetch's error and its causes. */
function networkReason(err: unknown): string | undefined {
  for (let cause: unknown = err, depth = 0; cause !== undefined && cause !== null && depth < 5; depth++) {
    const { code, name, errors } = cause as { code?: unknown; name?: unknown; errors?: unknown };
    if (name === 'TimeoutError') return 'no answer within the time limit';
    if (typeof code === 'string' && code.startsWith('E')) return code;
    if (Array.isArray(errors)) {
      const inner = errors.map((e: { code?: unknown }) => e.code).find((c): c is string => typeof c === 'string');
      if (inner) return inner;
    }
    cause = (cause as { cause?: unknown }).cause;
  }
  return err instanceof Error ? err.message : undefined;
}

const enc = encodeURIComponent;
