import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InvocationResult } from '../core/invoker';
import type { RpcHttpData } from '../core/rpcTypes';
import type { HostLogger } from '../runtime/logger';
import type { TriggerData } from '../runtime/types';
import type { RegisteredFunction } from '../core/coreShim';
import { BodyTooLargeError, declaresTooLarge, readBody } from './bodyLimit';
import { sendFunctionFailed, sendPayloadTooLarge } from './responses';
import type { HttpRoute } from './routeTable';
import { httpTriggerData, writeRpcResponse } from './rpcHttp';
import type { StreamProxy } from './streamProxy';

export type InvokeHttp = (fn: RegisteredFunction, trigger: TriggerData, options: { invocationId: string }) => Promise<InvocationResult>;

export interface FunctionRequestContext {
  invoke: InvokeHttp;
  maxBodySize: number;
  /** Set when the app enabled HTTP streaming. */
  streamProxy: StreamProxy | undefined;
  logger: HostLogger;
}

/** Runs the function a request matched and writes its response (or a 413 / 500 of the host's own). */
export async function runFunctionRequest(
  ctx: FunctionRequestContext, req: IncomingMessage, res: ServerResponse, url: URL, route: HttpRoute, params: Record<string, string>,
): Promise<void> {
  if (declaresTooLarge(req, ctx.maxBodySize)) {
    sendPayloadTooLarge(res, ctx.maxBodySize);
    return;
  }
  const invocationId = randomUUID();
  if (ctx.streamProxy) {
    await runStreamed(ctx, ctx.streamProxy, { req, res, url, route, params, invocationId });
    return;
  }
  let body: Buffer;
  try {
    body = await readBody(req, ctx.maxBodySize);
  } catch (err) {
    if (err instanceof BodyTooLargeError) sendPayloadTooLarge(res, ctx.maxBodySize);
    else res.destroy();
    return;
  }
  try {
    const result = await ctx.invoke(route.fn, httpTriggerData(req, url, params, body), { invocationId });
    writeRpcResponse(res, responseOf(route, result), invocationId, req.method ?? 'GET');
  } catch {
    // The pipeline logged the error with the invocation id; the client gets the id only.
    sendFunctionFailed(res, route.fn.metadata.name, invocationId);
  }
}

interface StreamedCall {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  route: HttpRoute;
  params: Record<string, string>;
  invocationId: string;
}

async function runStreamed(ctx: FunctionRequestContext, proxy: StreamProxy, call: StreamedCall): Promise<void> {
  const { req, res, url, route, params, invocationId } = call;
  const forwarded = proxy.forward(req, url, invocationId, ctx.maxBodySize);
  const invocation = ctx.invoke(route.fn, httpTriggerData(req, url, params, undefined), { invocationId });
  const failed = (): void => {
    forwarded.abort();
    sendFunctionFailed(res, route.fn.metadata.name, invocationId);
  };
  const relayed = forwarded.response.then((proxyRes) => relay(proxyRes, res), () => undefined);
  const bodyDone = forwarded.body.catch((err: unknown) => {
    forwarded.abort();
    if (err instanceof BodyTooLargeError) sendPayloadTooLarge(res, ctx.maxBodySize);
    else if (!res.headersSent) res.destroy();
  });
  await invocation.then(() => responded(relayed, () => {
    if (res.headersSent) return;
    // The function returned no response, so the library wrote nothing to its proxy.
    forwarded.abort();
    writeRpcResponse(res, undefined, invocationId, req.method ?? 'GET');
  }), failed);
  await bodyDone;
}

/**
 * When the invocation ends, the library has already written its response (at least its headers)
 * to the proxy; if nothing arrived shortly after, there is none, and `noResponse` answers.
 */
async function responded(relayed: Promise<void>, noResponse: () => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), NO_RESPONSE_GRACE_MS); });
  const first = await Promise.race([relayed.then(() => 'relayed' as const), late]);
  clearTimeout(timer);
  if (first === 'late') noResponse();
  await relayed;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding']);
const NO_RESPONSE_GRACE_MS = 2_000;

function relay(proxyRes: IncomingMessage, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (res.headersSent || res.destroyed) {
      proxyRes.resume();
      resolve();
      return;
    }
    for (const [name, value] of Object.entries(proxyRes.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) res.setHeader(name, value);
    }
    res.writeHead(proxyRes.statusCode ?? 200);
    res.flushHeaders();
    proxyRes.on('data', (chunk: Buffer) => { if (!res.write(chunk)) proxyRes.pause(); });
    res.on('drain', () => proxyRes.resume());
    proxyRes.once('end', () => { res.end(); resolve(); });
    proxyRes.once('error', () => { res.destroy(); resolve(); });
    res.once('close', () => { proxyRes.destroy(); resolve(); });
  });
}

/** The HTTP response the function produced: its `$return`, or an output binding of type http. */
function responseOf(route: HttpRoute, result: InvocationResult): RpcHttpData | undefined {
  const name = Object.entries(route.fn.metadata.bindings).find(([, b]) => b.direction === 'out' && b.type.toLowerCase() === 'http')?.[0];
  if (name === undefined) return undefined;
  const data = name === '$return' ? result.returnValue : result.outputData.get(name);
  return data?.http ?? undefined;
}
