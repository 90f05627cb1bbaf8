import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RpcHttpData, RpcTypedData } from '../core/rpcTypes';
import type { TriggerData } from '../runtime/types';

/**
 * Converts between node:http and the worker protocol's HTTP data, so the library's own
 * HttpRequest / HttpResponse conversions run exactly as on Azure.
 */

/** Request headers as one string each (repeated headers joined with ", "). */
export function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Query values by name; a repeated name gives its values joined with "," as Azure does. */
export function flatQuery(url: URL): Record<string, string> {
  const query: Record<string, string> = {};
  for (const name of new Set(url.searchParams.keys())) query[name] = url.searchParams.getAll(name).join(',');
  return query;
}

/**
 * The trigger data for one request. With `body` undefined (streaming mode) the request body goes
 * through the library's HTTP proxy instead; headers and route values then travel as trigger
 * metadata (`Headers`, one entry per route parameter), which is where the library reads them.
 */
export function httpTriggerData(req: IncomingMessage, url: URL, params: Record<string, string>, body: Buffer | undefined): TriggerData {
  const headers = flatHeaders(req);
  const query = flatQuery(url);
  const http: RpcHttpData = { method: req.method ?? 'GET', url: url.href, headers, query, params, ...(body && { body: { bytes: body } }) };
  const metadata: Record<string, RpcTypedData> = { Headers: { json: JSON.stringify(headers) }, Query: { json: JSON.stringify(query) } };
  for (const [name, value] of Object.entries(params)) metadata[name] = { string: value };
  return { data: { http }, metadata, bindingData: { ...jsonProperties(headers, body), ...query, ...params, query, headers } };
}

/** A JSON object body's top-level properties, for `{name}` expressions in other bindings. */
function jsonProperties(headers: Record<string, string>, body: Buffer | undefined): Record<string, unknown> {
  if (!body || !/\bjson\b/i.test(headers['content-type'] ?? '')) return {};
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'content-length']);

/** Writes what the library's toRpcHttp produced; no response at all means 200 with an empty body. */
export function writeRpcResponse(res: ServerResponse, http: RpcHttpData | undefined | null, invocationId: string, method: string): void {
  const status = Number(http?.statusCode ?? 200) || 200;
  for (const [name, value] of Object.entries(http?.headers ?? {})) {
    if (!HOP_BY_HOP.has(name.toLowerCase())) res.setHeader(name, value);
  }
  const cookies = (http?.cookies ?? []).map((c) => serializeCookie(c as RpcCookie));
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  res.setHeader('x-ms-invocation-id', invocationId);
  const body = bodyBytes(http?.body);
  const noBody = method === 'HEAD' || status === 204 || status === 304;
  res.setHeader('content-length', noBody ? 0 : body.length);
  res.writeHead(status);
  res.end(noBody ? undefined : body);
}

function bodyBytes(body: RpcTypedData | null | undefined): Buffer {
  if (!body) return Buffer.alloc(0);
  if (body.bytes) return Buffer.from(body.bytes);
  if (body.string !== undefined && body.string !== null) return Buffer.from(body.string, 'utf8');
  if (body.json !== undefined && body.json !== null) return Buffer.from(body.json, 'utf8');
  if (body.int !== undefined && body.int !== null) return Buffer.from(String(body.int));
  if (body.double !== undefined && body.double !== null) return Buffer.from(String(body.double));
  return Buffer.alloc(0);
}

/** The RPC cookie shape the library's toRpcHttpCookie produces. */
interface RpcCookie {
  name: string;
  value: string;
  domain?: { value: string };
  path?: { value: string };
  expires?: { value: { seconds: number } };
  secure?: { value: boolean };
  httpOnly?: { value: boolean };
  sameSite?: string;
  maxAge?: { value: number };
}

function serializeCookie(c: RpcCookie): string {
  const parts = [`${c.name}=${c.value}`];
  if (c.domain?.value) parts.push(`Domain=${c.domain.value}`);
  if (c.path?.value) parts.push(`Path=${c.path.value}`);
  if (c.expires?.value) parts.push(`Expires=${new Date(c.expires.value.seconds * 1000).toUTCString()}`);
  if (c.maxAge?.value !== undefined) parts.push(`Max-Age=${Math.trunc(c.maxAge.value)}`);
  if (c.secure?.value) parts.push('Secure');
  if (c.httpOnly?.value) parts.push('HttpOnly');
  const sameSite = { lax: 'Lax', strict: 'Strict', explicitNone: 'None' }[c.sameSite ?? ''];
  if (sameSite) parts.push(`SameSite=${sameSite}`);
  return parts.join('; ');
}
