import { randomUUID } from 'node:crypto';
import type { AppRegistry, HookCallback, RegisteredFunction } from './coreShim';
import type { RpcInvocationRequest, RpcParameterBinding, RpcTypedData } from './rpcTypes';

export type LogLevel = 'trace' | 'debug' | 'information' | 'warning' | 'error' | 'critical' | 'none';

/** Where user and system log lines of one invocation go. */
export type InvocationLog = (level: LogLevel, category: 'user' | 'system', message: string) => void;

export interface InvocationRequest {
  inputData: RpcParameterBinding[];
  triggerMetadata?: Record<string, RpcTypedData>;
  retryContext?: { retryCount: number; maxRetryCount: number };
  invocationId?: string;
}

export interface InvocationResult {
  invocationId: string;
  /** The `$return` binding (or the handler's plain return value), as RPC typed data. */
  returnValue: RpcTypedData | undefined;
  /** Output bindings other than `$return`, by binding name. */
  outputData: Map<string, RpcTypedData>;
  /** What the handler returned, before conversion: host extensions may need its object identity. */
  handlerResult?: unknown;
}

async function runHooks(hooks: HookCallback[], context: Record<string, unknown>): Promise<void> {
  for (const hook of [...hooks]) await hook(context);
}

/**
 * Invokes a registered function exactly as the Node worker does: through the app's own programming
 * model (`getInvocationModel → getArguments → preInvocation hooks → invokeFunction →
 * postInvocation hooks → getResponse`), so conversions and hooks behave as on Azure.
 */
export class Invoker {
  /** Shared by every hook of the app, as the worker's `appHookData`. */
  readonly appHookData: Record<string, unknown> = {};

  constructor(private readonly registry: AppRegistry, private readonly log: (fn: string, invocationId: string) => InvocationLog) {}

  async invoke(fn: RegisteredFunction, request: InvocationRequest): Promise<InvocationResult> {
    const model = this.registry.programmingModel;
    if (!model) throw new Error(`No programming model registered; cannot invoke "${fn.metadata.name}".`);
    const invocationId = request.invocationId ?? randomUUID();
    const log = this.log(fn.metadata.name, invocationId);
    const rpcRequest: RpcInvocationRequest = {
      invocationId,
      functionId: fn.metadata.name,
      inputData: request.inputData,
      triggerMetadata: request.triggerMetadata ?? {},
      retryContext: request.retryContext ?? null,
      traceContext: null,
    };
    const coreContext: Record<string, unknown> = {
      invocationId,
      request: rpcRequest,
      metadata: fn.metadata,
      state: undefined,
      log: (level: LogLevel, category: 'user' | 'system', message: string) => log(level, category, message),
    };
    const invocationModel = model.getInvocationModel(coreContext);
    const { context, inputs } = await invocationModel.getArguments();

    const hookData: Record<string, unknown> = {};
    const pre: Record<string, unknown> = {
      hookData, appHookData: this.appHookData, invocationContext: context, inputs, functionCallback: fn.callback,
    };
    coreContext.state = 'preInvocationHooks';
    await runHooks(this.registry.hooks.preInvocation, pre);
    coreContext.state = 'invocation';

    let result: unknown;
    let error: unknown;
    try {
      result = await invocationModel.invokeFunction(context, pre.inputs as unknown[], pre.functionCallback as (...a: unknown[]) => unknown);
    } catch (err) {
      error = err;
    }
    const post: Record<string, unknown> = {
      hookData, appHookData: this.appHookData, invocationContext: context, inputs: pre.inputs, result, error,
    };
    coreContext.state = 'postInvocationHooks';
    await runHooks(this.registry.hooks.postInvocation, post);
    coreContext.state = undefined;
    if (post.error) throw post.error;

    const response = await invocationModel.getResponse(context, post.result);
    const outputData = new Map<string, RpcTypedData>();
    for (const item of response.outputData ?? []) outputData.set(item.name, item.data as RpcTypedData);
    return {
      invocationId, returnValue: (response.returnValue ?? undefined) as RpcTypedData | undefined, outputData, handlerResult: post.result,
    };
  }

  /** Runs the app's `appStart` hooks once, before the first invocation. */
  async appStart(functionAppDirectory: string): Promise<void> {
    await runHooks(this.registry.hooks.appStart, { hookData: this.appHookData, appHookData: this.appHookData, functionAppDirectory });
  }

  async appTerminate(): Promise<void> {
    await runHooks(this.registry.hooks.appTerminate, { hookData: this.appHookData, appHookData: this.appHookData });
  }
}
