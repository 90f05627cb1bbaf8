import http, { type IncomingMessage } from 'node:http';
import type { ProgrammingModel } from '../core/coreShim';
import { forwardBody } from './bodyLimit';

/**
 * HTTP streaming (`app.setup({ enableHttpStream: true })`). The library then starts its own HTTP
 * proxy when the worker asks for its capabilities and announces it as `HttpUri`; for each request
 * the host forwards the raw request there, tagged with `x-ms-invocation-id`, while it sends the
 * invocation without a body. The library pairs the two by id, hands the function a streaming
 * request, and writes the function's (streaming) response into the proxy response, which the host
 * relays to the client chunk by chunk.
 */

const capabilitiesByModel = new WeakMap<ProgrammingModel, Promise<Record<string, string>>>();

/** Asks the programming model for its capabilities once per loaded library, as the worker does. */
export function capabilitiesOf(model: ProgrammingModel | undefined): Promise<Record<string, string>> {
  if (!model?.getCapabilities) return Promise.resolve({});
  let pending = capabilitiesByModel.get(model);
  if (!pending) {
    pending = model.getCapabilities({});
    capabilitiesByModel.set(model, pending);
  }
  return pending;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'upgrade', 'expect', 'host', 'te', 'trailer', 'proxy-connection']);

export interface ForwardedRequest {
  /** The proxy's response: the function's status, headers and streaming body. */
  response: Promise<IncomingMessage>;
  /** Settles when the request body has been forwarded; rejects with BodyTooLargeError past the limit. */
  body: Promise<void>;
  abort(): void;
}

export class StreamProxy {
  private readonly agent = new http.Agent({ keepAlive: true });
  private readonly base: URL;

  constructor(httpUri: string) {
    this.base = new URL(httpUri);
  }

  forward(req: IncomingMessage, url: URL, invocationId: string, limit: number): ForwardedRequest {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    }
    headers['x-ms-invocation-id'] = invocationId;
    headers['x-forwarded-host'] = url.host;
    headers['x-forwarded-proto'] = url.protocol.replace(/:$/, '');
    const target = new URL(url.pathname + url.search, this.base);
    const proxyReq = http.request(target, { method: req.method, headers, agent: this.agent });
    const response = new Promise<IncomingMessage>((resolve, reject) => {
      proxyReq.once('response', resolve);
      proxyReq.once('error', reject);
    });
    proxyReq.flushHeaders();
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const body = hasBody ? forwardBody(req, proxyReq, limit) : Promise.resolve(void proxyReq.end());
    // The response promise may lose the race to an abort; its rejection is handled by the caller or dropped.
    response.catch(() => undefined);
    return { response, body, abort: () => proxyReq.destroy() };
  }

  close(): void {
    this.agent.destroy();
  }
}
