import path from 'node:path';
import { readHostJson, readLocalSettings, applySettingsToEnv } from './core/appConfig';
import { loadApp, type LoadedApp } from './core/appLoader';
import type { RegisteredFunction, SystemLog } from './core/coreShim';
import { Invoker, type InvocationResult } from './core/invoker';
import { systemClock, VirtualClock, type Clock } from './runtime/clock';
import { consoleLogger, type HostLogger } from './runtime/logger';
import type { HostExtension, HostServices, TriggerData, TriggerListener } from './runtime/types';
import { builtInBindings } from './bindings/builtInBindings';
import { FunctionCatalog, type BindingSupport } from './bindings/functionCatalog';
import { invocationLog, systemLog } from './bindings/functionLogs';
import { InvocationPipeline } from './bindings/invocationPipeline';
import { StorageAccounts } from './bindings/storageAccounts';
import type { HostKeys } from './http/keys';
import { startHttp, type HostHttp } from './http/startHttp';
import { Activity } from './triggers/activity';
import { builtInTriggers } from './triggers/builtInTriggers';
import { resolveHostId } from './triggers/hostId';
import { waitUntilIdle, type IdleProbe, type WaitForIdleOptions } from './triggers/idle';
import type { QueueTriggerListener } from './triggers/queueTrigger';
import { QueueWatcher } from './triggers/queueWatcher';

export type { WaitForIdleOptions } from './triggers/idle';

export interface FunctionsHostOptions {
  /** The app directory: package.json (`main` glob), host.json, local.settings.json. */
  appDir: string;
  /** Default local.settings.json Host.LocalHttpPort, else 7071; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  hostname?: string;
  /** Default the system clock; a VirtualClock lets waitForIdle({ advanceTimers }) skip time. */
  clock?: Clock;
  /** Where local.settings.json Values go (existing values win) and connections are read. Default process.env. */
  env?: NodeJS.ProcessEnv;
  logger?: HostLogger;
  extensions?: HostExtension[];
  /** Function keys; default FUNCTIONS_MASTER_KEY / FUNCTIONS_DEFAULT_KEY settings; none = no auth enforced. */
  keys?: HostKeys;
  /** Request body limit in bytes; default host.json extensions.http.maxRequestBodySize, else 100 MB. */
  maxRequestBodySize?: number;
  /** Keys timer status in storage; default AzureFunctionsWebHost__hostid, else machine name + app hash. */
  hostId?: string;
  /** How long a received queue message stays invisible between renewals (default 600 s). */
  queueMessageLeaseSeconds?: number;
}

/** The running parts of one host. */
interface HostParts {
  services: HostServices;
  catalog: FunctionCatalog;
  pipeline: InvocationPipeline;
  invoker: Invoker;
  activity: Activity;
  listeners: TriggerListener[];
  queueListener: QueueTriggerListener;
  extensions: HostExtension[];
  hostId: string;
}

/**
 * Runs an Azure Functions v4 Node app on this machine: loads it as the worker does, serves its HTTP
 * functions, polls its queues, fires its timers, and hosts extensions such as Durable Functions.
 */
export class FunctionsHost {
  private stopping: Promise<void> | undefined;

  private constructor(readonly url: string, private readonly parts: HostParts, private readonly http: HostHttp) {}

  static async start(options: FunctionsHostOptions): Promise<FunctionsHost> {
    const appDir = path.resolve(options.appDir);
    const env = options.env ?? process.env;
    const logger = options.logger ?? consoleLogger();
    const hostJson = readHostJson(appDir);
    const localSettings = readLocalSettings(appDir);
    applySettingsToEnv(localSettings.Values, env);
    const app = await loadOneAtATime(appDir, systemLog(logger));
    const invoker = new Invoker(app.registry, invocationLog(logger));
    await invoker.appStart(appDir);

    const parts = wire({ appDir, hostJson, env, logger, clock: options.clock ?? systemClock }, app, invoker, options);
    const { services } = parts;
    const http = await startHttp({
      functions: parts.catalog, pipeline: parts.pipeline, hostJson, env, logger, programmingModel: app.registry.programmingModel,
      systemHandlers: parts.extensions.flatMap((e) => (e.systemHttp ? [e.systemHttp(services)] : [])),
      keys: options.keys, maxRequestBodySize: options.maxRequestBodySize,
      port: options.port ?? localSettings.Host?.LocalHttpPort ?? 7071, hostname: options.hostname ?? '127.0.0.1',
    }).catch(async (err: unknown) => {
      await invoker.appTerminate();
      throw err;
    });
    const host = new FunctionsHost(http.url, parts, http);
    try {
      for (const extension of parts.extensions) await extension.start?.({ ...services, baseUrl: http.url });
      await Promise.all(parts.listeners.map((listener) => startListener(listener, parts.catalog, logger)));
    } catch (err) {
      await host.stop();
      throw err;
    }
    for (const { name, problems } of parts.catalog.failed()) {
      logger.log('error', `Function "${name}" is disabled on this host: ${problems.join(' ')} The other functions are not affected.`);
    }
    logger.log('info', `Host started for ${appDir} at ${http.url} with ${parts.catalog.all().length} function(s).`);
    return host;
  }

  /** Keys host state in storage (timer schedule status). */
  get hostId(): string {
    return this.parts.hostId;
  }

  /** Every function of the app (binding settings resolved), including those that failed to load. */
  get functions(): RegisteredFunction[] {
    return this.parts.catalog.all();
  }

  /** Functions that cannot run here, with the reasons reported at load time. */
  get unavailableFunctions(): Array<{ name: string; problems: readonly string[] }> {
    return this.parts.catalog.failed();
  }

  /** Invokes a function directly with trigger data, through its bindings (for tests and tools). */
  async invoke(functionName: string, trigger: TriggerData): Promise<InvocationResult> {
    return this.parts.pipeline.invoke(this.parts.catalog.assertRunnable(functionName), trigger);
  }

  /**
   * Resolves once nothing runs: no invocation, HTTP request, queue poll or message, timer tick or
   * extension work. Queue listeners sweep their queues first. With `advanceTimers` (VirtualClock
   * only) the clock then jumps to each next due timer, up to `until` when given.
   */
  waitForIdle(options: WaitForIdleOptions = {}): Promise<void> {
    const { clock } = this.parts.services;
    if (options.advanceTimers && !(clock instanceof VirtualClock)) {
      return Promise.reject(new Error('waitForIdle({ advanceTimers: true }) needs the host to run on a VirtualClock (options.clock).'));
    }
    return waitUntilIdle(this.idleProbe(), clock instanceof VirtualClock ? clock : undefined, options);
  }

  /** Stops triggers and the HTTP server, waits for running invocations, then runs appTerminate hooks. */
  stop(): Promise<void> {
    const { listeners, activity, extensions, invoker } = this.parts;
    this.stopping ??= (async () => {
      await Promise.all(listeners.map((l) => l.stop()));
      await this.http.close();
      await activity.invocationsSettled();
      for (const extension of extensions) await extension.stop?.();
      await invoker.appTerminate();
    })();
    return this.stopping;
  }

  private idleProbe(): IdleProbe {
    const { activity, listeners, extensions, queueListener } = this.parts;
    return {
      prepare: () => queueListener.pollNow(),
      busyReasons: () => [
        ...(activity.invocationCount > 0 ? [`${activity.invocationCount} invocation(s) running`] : []),
        ...(activity.busy && activity.invocationCount === 0 ? ['background work (polls, timer ticks)'] : []),
        ...(this.http.busy ? ['HTTP requests in progress'] : []),
        ...listeners.filter((l) => l.isBusy?.()).map((l) => `${l.triggerTypes.join('/')} listener`),
        ...extensions.filter((e) => e.isBusy?.()).map((e) => `extension ${e.name}`),
      ],
    };
  }
}

/**
 * Connects the pieces: built-in and extension listeners and bindings, the function catalog (what
 * can run here), and the invocation pipeline that `services.invoke` / `track` now lead to.
 */
function wire(base: Omit<HostServices, 'functions' | 'invoke' | 'track'>, app: LoadedApp, invoker: Invoker, options: FunctionsHostOptions): HostParts {
  const { env, hostJson, clock, appDir } = base;
  const activity = new Activity();
  // Listeners and extensions receive the services before the catalog and pipeline exist.
  const late: { catalog?: FunctionCatalog; pipeline?: InvocationPipeline } = {};
  const services: HostServices = {
    ...base,
    functions: [],
    invoke: (fn, trigger) => late.pipeline?.invoke(fn, trigger) ?? Promise.reject(new Error('The host is still starting; invoke functions once FunctionsHost.start has resolved.')),
    track: (work) => activity.track(work),
  };
  const extensions = options.extensions ?? [];
  const accounts = new StorageAccounts(env);
  const watcher = new QueueWatcher();
  const hostId = resolveHostId(env, appDir, options.hostId);
  const builtIns = builtInTriggers({
    services, accounts, watcher, hostId, leaseSeconds: options.queueMessageLeaseSeconds,
    onFunctionError: (fn, problem) => late.catalog?.fail(fn.metadata.name, problem),
  });
  const bindings = builtInBindings(accounts, hostJson, clock, watcher);
  const listeners = [builtIns.queue, builtIns.timer, ...extensions.flatMap((e) => e.listeners?.(services) ?? [])];
  const support: BindingSupport = {
    triggerTypes: ['httpTrigger', ...listeners.flatMap((l) => l.triggerTypes)],
    inputs: [...bindings.inputs, ...extensions.flatMap((e) => e.inputProviders?.(services) ?? [])],
    outputs: [...bindings.outputs, ...extensions.flatMap((e) => e.outputHandlers?.(services) ?? [])],
  };
  const catalog = new FunctionCatalog(app.functions, support, env);
  const pipeline = new InvocationPipeline(catalog, support, invoker, activity, clock, services.logger);
  Object.assign(late, { catalog, pipeline });
  services.functions.push(...catalog.all());
  return { services, catalog, pipeline, invoker, activity, listeners, queueListener: builtIns.queue, extensions, hostId };
}

/** Registrations go to the app that is loading, so hosts started together load their apps in turn. */
let appLoads: Promise<unknown> = Promise.resolve();
function loadOneAtATime(appDir: string, log: SystemLog): Promise<LoadedApp> {
  const load = appLoads.then(() => loadApp(appDir, log));
  appLoads = load.catch(() => undefined);
  return load;
}

async function startListener(listener: TriggerListener, catalog: FunctionCatalog, logger: HostLogger): Promise<void> {
  const functions = catalog.runnable(listener.triggerTypes);
  if (functions.length === 0) return;
  try {
    await listener.start(functions);
  } catch (err) {
    const problem = `The ${listener.triggerTypes.join('/')} listener failed to start: ${(err as Error).message}`;
    logger.log('error', problem);
    for (const fn of functions) catalog.fail(fn.metadata.name, problem);
  }
}
