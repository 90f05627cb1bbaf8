import type { IncomingMessage } from 'node:http';
import { Writable } from 'node:stream';

/** Azure's default request body limit (100 MB). */
export const DEFAULT_MAX_REQUEST_BODY_SIZE = 100 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  constructor(readonly limit: number) {
    super(`The request body is larger than the limit of ${limit} bytes (host.json extensions.http.maxRequestBodySize).`);
  }
}

/** True when the request announces (Content-Length) a body over the limit: answer before reading it. */
export function declaresTooLarge(req: IncomingMessage, limit: number): boolean {
  const length = Number(req.headers['content-length']);
  return Number.isFinite(length) && length > limit;
}

/**
 * Reads the whole body, failing with BodyTooLargeError (without reading further) past the limit.
 * A request without Content-Length or Transfer-Encoding has no body (RFC 9112 §6): it is not read
 * at all, which spares a GET the stream machinery (node discards the empty rest as it answers).
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  if (req.headers['transfer-encoding'] === undefined && req.headers['content-length'] === undefined) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  const sink = new Writable({ write(chunk: Buffer, _encoding, done) { chunks.push(chunk); done(); } });
  await forwardBody(req, sink, limit);
  return Buffer.concat(chunks);
}

/**
 * Copies the body into `destination` with back-pressure, rejecting with BodyTooLargeError once it
 * passes the limit; reading then stops, so the rest of the upload is never read.
 */
export function forwardBody(req: IncomingMessage, destination: Writable, limit: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let size = 0;
    let stopped = false;
    const stop = (): void => {
      stopped = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      destination.off('error', onError);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        stop();
        req.pause();
        reject(new BodyTooLargeError(limit));
        return;
      }
      if (!destination.write(chunk)) {
        req.pause();
        destination.once('drain', () => { if (!stopped) req.resume(); });
      }
    };
    const onEnd = (): void => { stop(); destination.end(); resolve(); };
    const onError = (err: Error): void => { stop(); reject(err); };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    destination.on('error', onError);
  });
}
