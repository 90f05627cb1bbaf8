import { randomUUID } from 'node:crypto';
import type { RegisteredFunction } from '../core/coreShim';
import type { InvocationResult, Invoker } from '../core/invoker';
import type { RpcBindingInfo, RpcParameterBinding } from '../core/rpcTypes';
import type { Clock } from '../runtime/clock';
import type { HostLogger } from '../runtime/logger';
import { triggerOf, type TriggerData } from '../runtime/types';
import type { Activity } from '../triggers/activity';
import { handlerFor, type BindingSupport, type FunctionCatalog } from './functionCatalog';
import { describeError, redact } from './logText';

export interface InvokeOptions {
  /** Chosen by the caller when it must know the id up front (HTTP streaming proxies by it). */
  invocationId?: string;
}

/**
 * Runs one function the way the Functions host does around the worker: resolve the input bindings
 * (the trigger's data comes from the trigger), invoke through the programming model, then write
 * what the function set on its output bindings — by binding name, and `$return` unless the return
 * binding is the HTTP response, which the HTTP server writes.
 */
export class InvocationPipeline {
  constructor(
    private readonly catalog: FunctionCatalog,
    private readonly support: BindingSupport,
    private readonly invoker: Invoker,
    private readonly activity: Activity,
    private readonly clock: Clock,
    private readonly logger: HostLogger,
  ) {}

  readonly invoke = (fn: RegisteredFunction, trigger: TriggerData, options: InvokeOptions = {}): Promise<InvocationResult> =>
    this.activity.invocation(async () => this.run(this.catalog.assertRunnable(fn.metadata.name), trigger, options));

  private async run(fn: RegisteredFunction, trigger: TriggerData, options: InvokeOptions): Promise<InvocationResult> {
    const name = fn.metadata.name;
    const invocationId = options.invocationId ?? randomUUID();
    const started = this.clock.now();
    const wallStart = performance.now();
    this.logger.log('debug', `Executing 'Functions.${name}'`, { function: name, invocationId });
    try {
      const inputData = await this.inputs(fn, trigger);
      const result = await this.invoker.invoke(fn, {
        inputData, triggerMetadata: trigger.metadata, retryContext: trigger.retryContext, invocationId,
      });
      await this.outputs(fn, result, trigger);
      this.logger.log('info', `Executed 'Functions.${name}' (Succeeded)`, { function: name, invocationId, durationMs: Math.round(performance.now() - wallStart) });
      return result;
    } catch (err) {
      this.logger.log('error', `Executed 'Functions.${name}' (Failed): ${redact(describeError(err))}`, {
        function: name, invocationId, startedAt: new Date(started).toISOString(),
      });
      throw err;
    }
  }

  private async inputs(fn: RegisteredFunction, trigger: TriggerData): Promise<RpcParameterBinding[]> {
    const triggerName = triggerOf(fn).name;
    const extra = bindingsOf(fn, (name, b) => name !== triggerName && b.direction === 'in');
    const resolved = await Promise.all(extra.map(async ([name, binding]) => {
      const provider = handlerFor(this.support.inputs, binding.type);
      if (!provider) throw new Error(`Function "${fn.metadata.name}": no input provider for binding "${name}" (type "${binding.type}").`);
      return { name, data: await provider.resolve({ fn, name, binding }, trigger) };
    }));
    return [{ name: triggerName, data: trigger.data }, ...resolved];
  }

  private async outputs(fn: RegisteredFunction, result: InvocationResult, trigger: TriggerData): Promise<void> {
    const outs = bindingsOf(fn, (_name, b) => b.direction === 'out' && b.type.toLowerCase() !== 'http');
    await Promise.all(outs.map(async ([name, binding]) => {
      const data = name === '$return' ? result.returnValue : result.outputData.get(name);
      if (data === undefined || data === null) return;
      const handler = handlerFor(this.support.outputs, binding.type);
      if (!handler) throw new Error(`Function "${fn.metadata.name}": no output handler for binding "${name}" (type "${binding.type}").`);
      try {
        await handler.write({ fn, name, binding }, data, trigger);
      } catch (err) {
        throw new Error(`Function "${fn.metadata.name}": writing output binding "${name}" (type "${binding.type}") failed: ${describeError(err)}`, { cause: err });
      }
    }));
  }
}

function bindingsOf(fn: RegisteredFunction, keep: (name: string, b: RpcBindingInfo) => boolean): Array<[string, RpcBindingInfo]> {
  return Object.entries(fn.metadata.bindings).filter(([name, b]) => keep(name, b));
}
