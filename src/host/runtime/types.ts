import type { HostJson } from '../core/appConfig';
import type { RegisteredFunction } from '../core/coreShim';
import type { InvocationResult } from '../core/invoker';
import type { RpcBindingInfo, RpcTypedData } from '../core/rpcTypes';
import type { Clock } from './clock';
import type { HostLogger } from './logger';

/** One binding of one function, as extension points see it. */
export interface BindingRef {
  fn: RegisteredFunction;
  name: string;
  binding: RpcBindingInfo;
}

/** Supplies the data of an input binding (blob input, durable client …) for one invocation. */
export interface InputBindingProvider {
  readonly type: string;
  resolve(ref: BindingRef, trigger: TriggerData): Promise<RpcTypedData>;
}

/** Writes what a function set on an output binding (queue, blob …) after it returns. */
export interface OutputBindingHandler {
  readonly type: string;
  write(ref: BindingRef, data: RpcTypedData, trigger: TriggerData): Promise<void>;
}

/** What a trigger hands to an invocation. */
export interface TriggerData {
  data: RpcTypedData;
  metadata?: Record<string, RpcTypedData>;
  retryContext?: { retryCount: number; maxRetryCount: number };
  /** Values for `{name}` expressions in other bindings' paths (e.g. blob path "out/{id}"). */
  bindingData?: Record<string, unknown>;
}

/** Runs one function with its input and output bindings, as the host does around the worker. */
export type InvokeFunction = (fn: RegisteredFunction, trigger: TriggerData) => Promise<InvocationResult>;

/** Everything a trigger listener needs from the host. */
export interface HostServices {
  appDir: string;
  /** Every function the app registered. */
  functions: RegisteredFunction[];
  hostJson: HostJson;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  logger: HostLogger;
  invoke: InvokeFunction;
  /** Reports a background task (a poll, a timer tick) so waitForIdle can wait for it. */
  track<T>(work: Promise<T>): Promise<T>;
}

/** Starts and stops the listeners of one trigger type (http, queue, timer …). */
export interface TriggerListener {
  readonly triggerTypes: readonly string[];
  start(functions: RegisteredFunction[]): Promise<void>;
  stop(): Promise<void>;
  /** True while the listener has work it knows about (messages in flight, invocations running). */
  isBusy?(): boolean;
}

/** Finds the trigger binding of a function. */
export function triggerOf(fn: RegisteredFunction): { name: string; binding: RpcBindingInfo } {
  for (const [name, binding] of Object.entries(fn.metadata.bindings)) {
    if (/trigger$/i.test(binding.type)) return { name, binding };
  }
  throw new Error(`Function "${fn.metadata.name}" has no trigger binding.`);
}

/**
 * Handles a host-level HTTP request (outside the app's routes, e.g. the durable management API).
 * Resolves true when it answered the request.
 */
export type SystemHttpHandler = (
  req: import('node:http').IncomingMessage,
  res: import('node:http').ServerResponse,
  url: URL,
) => Promise<boolean>;

/** What an extension (Durable Functions, storage …) adds to the host. */
export interface HostExtension {
  readonly name: string;
  listeners?(services: HostServices): TriggerListener[];
  inputProviders?(services: HostServices): InputBindingProvider[];
  outputHandlers?(services: HostServices): OutputBindingHandler[];
  systemHttp?(services: HostServices): SystemHttpHandler;
  /** Called once the HTTP server listens, before triggers start. */
  start?(services: HostServices & { baseUrl: string }): Promise<void>;
  stop?(): Promise<void>;
  isBusy?(): boolean;
}
