import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HostLogger } from '../runtime/logger';
import type { SystemHttpHandler } from '../runtime/types';
import { redact } from '../bindings/logText';
import { runFunctionRequest, type FunctionRequestContext } from './functionRequest';
import { presentedKey, type KeyAuthorizer } from './keys';
import { sendFunctionUnavailable, sendJson, sendMethodNotAllowed, sendNotFound, sendUnauthorized } from './responses';
import type { RouteTable } from './routeTable';

export interface HttpServerOptions extends FunctionRequestContext {
  routes: RouteTable;
  authorizer: KeyAuthorizer;
  /** Host-level handlers (extensions, admin API), tried in order before the app's routes. */
  systemHandlers: SystemHttpHandler[];
  /** Why a function cannot run (load-time problems), or undefined when it can. */
  unavailable(functionName: string): string | undefined;
  logger: HostLogger;
}

/**
 * The host's HTTP front door: system handlers first (`/runtime/webhooks/…`, `/admin/…`), then the
 * app's routes under the route prefix, with auth levels, method checks and the body limit.
 */
export class HttpServer {
  private readonly server: http.Server;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: HttpServerOptions) {
    this.server = http.createServer((req, res) => {
      const handled = this.handle(req, res).catch((err: unknown) => {
        options.logger.log('error', `HTTP ${req.method} ${redact(req.url ?? '')} failed in the host: ${redact(String((err as Error)?.message ?? err))}`);
        sendJson(res, 500, { error: 'InternalServerError', message: 'The host failed to handle the request; see the host log.' });
      });
      this.inFlight.add(handled);
      void handled.finally(() => this.inFlight.delete(handled));
    });
  }

  get busy(): boolean {
    return this.inFlight.size > 0;
  }

  /** Listens and resolves the base URL (`http://127.0.0.1:7071`). */
  listen(port: number, hostname: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException): void => {
        reject(err.code === 'EADDRINUSE'
          ? new Error(`Port ${port} on ${hostname} is already in use; pick another port (or 0 for any free port).`, { cause: err })
          : err);
      };
      this.server.once('error', onError);
      this.server.listen(port, hostname, () => {
        this.server.off('error', onError);
        const address = this.server.address() as AddressInfo;
        const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        resolve(`http://${host}:${address.port}`);
      });
    });
  }

  /** Stops accepting requests and waits for those in progress. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    } catch {
      sendJson(res, 400, { error: 'BadRequest', message: 'The request URL or Host header cannot be parsed.' });
      return;
    }
    for (const handler of this.options.systemHandlers) {
      if (await handler(req, res, url)) return;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const found = this.options.routes.lookup(method, url.pathname);
    if (found.kind === 'not-found') {
      sendNotFound(res, method, url.pathname, this.options.routes.prefix);
      return;
    }
    if (found.kind === 'method-not-allowed') {
      sendMethodNotAllowed(res, method, url.pathname, found.allow);
      return;
    }
    const { route, params } = found;
    if (!this.options.authorizer.allows(route.authLevel, route.fn.metadata.name, presentedKey(req, url))) {
      sendUnauthorized(res, route.fn.metadata.name, route.authLevel);
      return;
    }
    const problem = this.options.unavailable(route.fn.metadata.name);
    if (problem !== undefined) {
      sendFunctionUnavailable(res, problem);
      return;
    }
    await runFunctionRequest(this.options, req, res, url, route, params);
  }
}
