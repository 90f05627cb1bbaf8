import type { HostJson } from '../core/appConfig';
import type { ProgrammingModel } from '../core/coreShim';
import type { HostLogger } from '../runtime/logger';
import { triggerOf, type SystemHttpHandler } from '../runtime/types';
import type { FunctionCatalog } from '../bindings/functionCatalog';
import type { InvocationPipeline } from '../bindings/invocationPipeline';
import { describeError } from '../bindings/logText';
import { adminRoutes } from './adminRoutes';
import { DEFAULT_MAX_REQUEST_BODY_SIZE } from './bodyLimit';
import { HttpServer } from './httpServer';
import { KeyAuthorizer, keysFromEnv, type HostKeys } from './keys';
import { RouteTable } from './routeTable';
import { capabilitiesOf, StreamProxy } from './streamProxy';

export interface StartHttpOptions {
  functions: FunctionCatalog;
  pipeline: InvocationPipeline;
  hostJson: HostJson;
  env: NodeJS.ProcessEnv;
  logger: HostLogger;
  programmingModel: ProgrammingModel | undefined;
  systemHandlers: SystemHttpHandler[];
  keys: HostKeys | undefined;
  maxRequestBodySize: number | undefined;
  port: number;
  hostname: string;
}

export interface HostHttp {
  url: string;
  readonly busy: boolean;
  close(): Promise<void>;
}

/** Builds the route table from the app's httpTrigger functions and starts the HTTP server. */
export async function startHttp(options: StartHttpOptions): Promise<HostHttp> {
  const { functions, hostJson, logger } = options;
  const prefix = routePrefix(hostJson);
  const routes = new RouteTable(prefix);
  for (const fn of functions.all()) {
    const trigger = triggerOf(fn);
    if (trigger.binding.type.toLowerCase() !== 'httptrigger') continue;
    try {
      routes.add(fn, trigger.name, trigger.binding);
    } catch (err) {
      functions.fail(fn.metadata.name, describeError(err));
    }
  }
  const authorizer = new KeyAuthorizer(options.keys ?? keysFromEnv(options.env));
  const maxBodySize = options.maxRequestBodySize ?? bodyLimit(hostJson);
  const httpUri = (await capabilitiesOf(options.programmingModel))['HttpUri'];
  const streamProxy = httpUri ? new StreamProxy(httpUri) : undefined;
  const unavailable = (name: string): string | undefined => {
    const problems = functions.problems(name);
    return problems.length > 0 ? `Function "${name}" cannot run on this host: ${problems.join(' ')}` : undefined;
  };
  const admin = adminRoutes({
    authorizer, unavailable, find: (name) => functions.get(name),
    start: (fn, trigger) => { options.pipeline.invoke(fn, trigger).catch(() => undefined); },
  });
  const server = new HttpServer({
    routes, authorizer, maxBodySize, streamProxy, logger, unavailable,
    systemHandlers: [...options.systemHandlers, admin],
    invoke: (fn, trigger, invokeOptions) => options.pipeline.invoke(fn, trigger, invokeOptions),
  });
  const url = await server.listen(options.port, options.hostname);
  logger.log('info', authorizer.describe());
  if (streamProxy) logger.log('info', 'HTTP streaming is enabled (app.setup({ enableHttpStream: true })): requests and responses are proxied through the library.');
  for (const route of routes.all) {
    logger.log('info', `${route.fn.metadata.name}: [${route.methods?.join(',') ?? 'any'}] ${url}/${[prefix, route.route.template].filter(Boolean).join('/')}`);
  }
  return {
    url,
    get busy() { return server.busy; },
    close: async () => {
      await server.close();
      streamProxy?.close();
    },
  };
}

function routePrefix(hostJson: HostJson): string {
  const prefix = hostJson.extensions?.http?.routePrefix;
  if (prefix === undefined) return 'api';
  if (typeof prefix !== 'string') throw new Error(`host.json extensions.http.routePrefix: expected a string (may be ""), got ${typeof prefix}.`);
  return prefix.replace(/^\/+|\/+$/g, '');
}

function bodyLimit(hostJson: HostJson): number {
  const limit = hostJson.extensions?.http?.maxRequestBodySize;
  if (limit === undefined) return DEFAULT_MAX_REQUEST_BODY_SIZE;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit <= 0) {
    throw new Error(`host.json extensions.http.maxRequestBodySize: expected a positive number of bytes, got ${JSON.stringify(limit)}.`);
  }
  return limit;
}
