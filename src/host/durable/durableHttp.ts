/**
 * Durable HTTP (`context.df.callHttp`): the Durable Task extension runs the request as a built-in
 * activity and hands the orchestration a DurableHttpResponse. With the asynchronous pattern
 * (the default), a `202 Accepted` with a `Location` header makes durable-functions wait and poll:
 * it tracks a timer and a new request, which the engine creates and carries out (GET Location).
 */

/** The name the Durable Functions extension gives its built-in HTTP activity. */
export const DURABLE_HTTP_ACTIVITY = 'BuiltIn::HttpActivity';

export interface DurableHttpRequest {
  method: string;
  uri: string;
  content?: string;
  headers?: Record<string, string>;
  tokenSource?: unknown;
  asynchronousPatternEnabled?: boolean;
}

export interface DurableHttpResponse {
  statusCode: number;
  content?: string;
  headers: Record<string, string>;
}

const DEFAULT_POLL_DELAY_MS = 30_000;
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export async function performDurableHttp(request: DurableHttpRequest): Promise<DurableHttpResponse> {
  if (request.tokenSource) {
    throw new Error('callHttp with a tokenSource (managed identity) needs Azure: the local host has no identity to get tokens from.');
  }
  let url: URL;
  try {
    url = new URL(request.uri);
  } catch {
    throw new Error(`callHttp: "${request.uri}" is not an absolute http(s) URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`callHttp: only http and https URLs are supported, got ${url.protocol}`);
  const response = await fetch(url, {
    method: request.method, headers: request.headers,
    body: request.content === undefined || request.method === 'GET' || request.method === 'HEAD' ? undefined : request.content,
  });
  const body = Buffer.from(await response.arrayBuffer());
  if (body.length > MAX_RESPONSE_BYTES) throw new Error(`callHttp: the response of ${request.uri} exceeds ${MAX_RESPONSE_BYTES} bytes`);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => { headers[name] = value; });
  return { statusCode: response.status, content: body.toString('utf8'), headers };
}

function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers![key];
}

/** When a completed durable HTTP call means "poll again": the follow-up request and its delay. */
export function pollingFollowUp(requestJson: string | undefined, resultJson: string | undefined): { request: DurableHttpRequest; delayMs: number } | undefined {
  if (!requestJson || !resultJson) return undefined;
  const request = JSON.parse(requestJson) as DurableHttpRequest;
  const result = JSON.parse(resultJson) as DurableHttpResponse;
  const location = header(result.headers, 'Location');
  if (request.asynchronousPatternEnabled === false || result.statusCode !== 202 || !location) return undefined;
  const retryAfter = Number(header(result.headers, 'Retry-After'));
  return {
    request: { ...request, method: 'GET', uri: new URL(location, request.uri).href, content: undefined },
    delayMs: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : DEFAULT_POLL_DELAY_MS,
  };
}
