import type { ServerResponse } from 'node:http';

/** The host's own answers (not a function's): small JSON bodies that say what went wrong and where. */
export function sendJson(res: ServerResponse, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendNotFound(res: ServerResponse, method: string, path: string, prefix: string): void {
  const under = prefix === '' ? 'the root' : `/${prefix}`;
  sendJson(res, 404, { error: 'NotFound', message: `No function answers ${method} ${path} (app routes live under ${under}).`, path });
}

export function sendMethodNotAllowed(res: ServerResponse, method: string, path: string, allow: string[]): void {
  sendJson(res, 405, { error: 'MethodNotAllowed', message: `${method} is not allowed on ${path}; allowed: ${allow.join(', ')}.`, path, allow }, { allow: allow.join(', ') });
}

export function sendUnauthorized(res: ServerResponse, functionName: string, level: string): void {
  const accepted = level === 'admin' ? 'the master key' : 'a key of this function, a host key or the master key';
  sendJson(res, 401, {
    error: 'Unauthorized',
    message: `Function "${functionName}" has authLevel "${level}": pass ${accepted} in ?code= or an x-functions-key header.`,
  });
}

/** Answers 413 and closes the connection, so the rest of an oversized body is never read. */
export function sendPayloadTooLarge(res: ServerResponse, limit: number): void {
  res.shouldKeepAlive = false;
  res.once('finish', () => res.socket?.destroySoon());
  sendJson(res, 413, {
    error: 'PayloadTooLarge',
    message: `The request body is larger than the limit of ${limit} bytes (host.json extensions.http.maxRequestBodySize).`,
    limit,
  }, { connection: 'close' });
}

/** A function failed: the invocation id to look up in the host log, never the error or its stack. */
export function sendFunctionFailed(res: ServerResponse, functionName: string, invocationId: string): void {
  sendJson(res, 500, {
    error: 'InternalServerError',
    message: `Function "${functionName}" failed; see the host log for invocation ${invocationId}.`,
    invocationId,
  }, { 'x-ms-invocation-id': invocationId });
}

/** The function could not be set up on this host (unsupported or invalid bindings). */
export function sendFunctionUnavailable(res: ServerResponse, message: string): void {
  sendJson(res, 500, { error: 'FunctionUnavailable', message });
}
