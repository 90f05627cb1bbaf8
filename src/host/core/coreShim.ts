import Module from 'node:module';
import type { CoreFunctionMetadata } from './rpcTypes';

/**
 * The `@azure/functions-core` module that the real Node worker provides to `@azure/functions`.
 *
 * Without it the library switches to "test mode" and silently drops every registration, and it
 * caches that failure for the life of the process — so the shim must be installed before any app
 * code loads. Registrations are routed to the app that is currently loading.
 */

export type FunctionCallback = (...args: unknown[]) => unknown;
export type HookName = 'appStart' | 'appTerminate' | 'preInvocation' | 'postInvocation' | 'log';
export type HookCallback = (context: Record<string, unknown>) => unknown;

/** What the library's ProgrammingModel offers the worker. */
export interface ProgrammingModel {
  name: string;
  version: string;
  getInvocationModel(coreContext: unknown): InvocationModel;
  getCapabilities?(capabilities: Record<string, string>): Promise<Record<string, string>>;
}

export interface InvocationModel {
  getArguments(): Promise<{ context: unknown; inputs: unknown[] }>;
  invokeFunction(context: unknown, inputs: unknown[], handler: FunctionCallback): Promise<unknown>;
  getResponse(context: unknown, result: unknown): Promise<{ outputData?: Array<{ name: string; data: unknown }>; returnValue?: unknown }>;
}

export interface RegisteredFunction {
  metadata: CoreFunctionMetadata;
  callback: FunctionCallback;
}

export type SystemLog = (level: string, category: string, message: string) => void;

/** Everything one app registered while it loaded. */
export class AppRegistry {
  readonly functions = new Map<string, RegisteredFunction>();
  readonly hooks: Record<HookName, HookCallback[]> = {
    appStart: [], appTerminate: [], preInvocation: [], postInvocation: [], log: [],
  };
  programmingModel: ProgrammingModel | undefined;
  /** Set once the app finished loading; later registrations are refused, as the worker does. */
  sealed = false;

  constructor(readonly appDir: string, readonly systemLog: SystemLog) {}
}

class Disposable {
  static from(...items: Array<{ dispose?: () => unknown } | undefined>): Disposable {
    return new Disposable(() => items.forEach((item) => item?.dispose?.()));
  }
  #callOnDispose: (() => unknown) | undefined;
  constructor(callOnDispose: () => unknown) {
    this.#callOnDispose = callOnDispose;
  }
  dispose(): void {
    this.#callOnDispose?.();
    this.#callOnDispose = undefined;
  }
}

let activeRegistry: AppRegistry | undefined;
/** The library sets its model once per loaded copy; a reloaded app reuses the copy's model. */
let lastProgrammingModel: ProgrammingModel | undefined;

function requireActive(what: string): AppRegistry {
  if (!activeRegistry) {
    throw new Error(`@azure/functions-core: ${what} was called while no app is loading.`);
  }
  return activeRegistry;
}

const coreApi = {
  version: '3.10.1',
  hostVersion: '4.1036.1',
  Disposable,
  registerFunction(metadata: CoreFunctionMetadata, callback: FunctionCallback): Disposable {
    const registry = requireActive('registerFunction');
    if (registry.sealed) {
      throw new Error(`A function can only be registered during app startup ("${metadata.name}" was registered later).`);
    }
    const key = metadata.name.toLowerCase();
    if (registry.functions.has(key)) {
      throw new Error(`A function with the name "${metadata.name}" has already been registered.`);
    }
    registry.functions.set(key, { metadata, callback });
    return new Disposable(() => registry.functions.delete(key));
  },
  registerHook(hookName: HookName, callback: HookCallback): Disposable {
    const registry = requireActive('registerHook');
    const list = registry.hooks[hookName];
    if (!list) throw new RangeError(`Unrecognized hook "${hookName}"`);
    list.push(callback);
    return new Disposable(() => {
      const at = list.indexOf(callback);
      if (at >= 0) list.splice(at, 1);
    });
  },
  setProgrammingModel(model: ProgrammingModel): void {
    const registry = requireActive('setProgrammingModel');
    registry.programmingModel = model;
    lastProgrammingModel = model;
  },
  getProgrammingModel(): ProgrammingModel | undefined {
    return activeRegistry?.programmingModel ?? lastProgrammingModel;
  },
  log(level: string, category: string, message: string): void {
    (activeRegistry?.systemLog ?? defaultSystemLog)(level, category, message);
  },
};

function defaultSystemLog(level: string, _category: string, message: string): void {
  if (level === 'error' || level === 'critical' || level === 'warning') console.error(message);
}

let installed = false;

/** Makes `require('@azure/functions-core')` resolve to the shim, for every module in the process. */
export function installCoreShim(): void {
  if (installed) return;
  installed = true;
  const proto = Module.prototype as unknown as { require: (id: string) => unknown };
  const originalRequire = proto.require;
  proto.require = function patchedRequire(this: unknown, id: string) {
    if (id === '@azure/functions-core') return coreApi;
    return originalRequire.call(this, id);
  };
}

/** Runs `load` with `registry` receiving every registration, then seals it. */
export async function captureRegistrations(registry: AppRegistry, load: () => Promise<void>): Promise<void> {
  installCoreShim();
  if (activeRegistry && !activeRegistry.sealed) {
    throw new Error('Another app is still loading in this process; load apps one at a time.');
  }
  activeRegistry = registry;
  try {
    await load();
  } finally {
    registry.sealed = true;
    registry.programmingModel ??= lastProgrammingModel;
  }
}
