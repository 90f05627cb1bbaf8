import type { RegisteredFunction } from '../core/coreShim';
import type { RpcBindingInfo } from '../core/rpcTypes';
import type { InputBindingProvider, OutputBindingHandler } from '../runtime/types';
import { resolveAppSettings } from './bindingExpressions';
import { canValidate } from './validation';

/** What the host and its extensions can run. Binding types compare case-insensitively. */
export interface BindingSupport {
  triggerTypes: readonly string[];
  inputs: readonly InputBindingProvider[];
  outputs: readonly OutputBindingHandler[];
}

/** Thrown when a function that failed its load-time checks is invoked. */
export class FunctionUnavailableError extends Error {
  override name = 'FunctionUnavailableError';
  constructor(readonly functionName: string, readonly problems: readonly string[]) {
    super(`Function "${functionName}" cannot run on this host: ${problems.join(' ')}`);
  }
}

interface Entry {
  fn: RegisteredFunction;
  problems: string[];
}

/**
 * The app's functions as the host runs them: `%Setting%` references resolved, and every binding
 * checked against what the host supports. A function with a problem stays listed but is not
 * started, and invoking it fails with a FunctionUnavailableError; the others are unaffected.
 */
export class FunctionCatalog {
  private readonly entries = new Map<string, Entry>();

  constructor(functions: readonly RegisteredFunction[], support: BindingSupport, env: NodeJS.ProcessEnv) {
    for (const original of functions) {
      const problems: string[] = [];
      const fn = withResolvedSettings(original, env, problems);
      if (problems.length === 0) problems.push(...checkBindings(fn, support));
      this.entries.set(key(fn.metadata.name), { fn, problems });
    }
  }

  /** Every function, in registration order, with settings resolved. */
  all(): RegisteredFunction[] {
    return [...this.entries.values()].map((e) => e.fn);
  }

  get(name: string): RegisteredFunction | undefined {
    return this.entries.get(key(name))?.fn;
  }

  /** Functions without problems whose trigger is one of `triggerTypes` (case-insensitive). */
  runnable(triggerTypes: readonly string[]): RegisteredFunction[] {
    const wanted = new Set(triggerTypes.map(key));
    return [...this.entries.values()]
      .filter((e) => e.problems.length === 0 && wanted.has(key(triggerType(e.fn))))
      .map((e) => e.fn);
  }

  problems(name: string): readonly string[] {
    return this.entries.get(key(name))?.problems ?? [];
  }

  /** All functions with problems, for the startup report. */
  failed(): Array<{ name: string; problems: readonly string[] }> {
    return [...this.entries.values()].filter((e) => e.problems.length > 0).map((e) => ({ name: e.fn.metadata.name, problems: e.problems }));
  }

  /** Records a problem found later (a listener could not start the function). */
  fail(name: string, problem: string): void {
    this.entries.get(key(name))?.problems.push(problem);
  }

  assertRunnable(name: string): RegisteredFunction {
    const entry = this.entries.get(key(name));
    if (!entry) {
      const known = [...this.entries.values()].map((e) => e.fn.metadata.name).join(', ') || 'none';
      throw new Error(`No function named "${name}" in this app (functions: ${known}).`);
    }
    if (entry.problems.length > 0) throw new FunctionUnavailableError(entry.fn.metadata.name, entry.problems);
    return entry.fn;
  }
}

export function triggerType(fn: RegisteredFunction): string {
  return Object.values(fn.metadata.bindings).find((b) => /trigger$/i.test(b.type))?.type ?? '(none)';
}

function key(name: string): string {
  return name.toLowerCase();
}

function withResolvedSettings(fn: RegisteredFunction, env: NodeJS.ProcessEnv, problems: string[]): RegisteredFunction {
  const bindings: Record<string, RpcBindingInfo> = {};
  for (const [name, binding] of Object.entries(fn.metadata.bindings)) {
    try {
      bindings[name] = resolveAppSettings(binding, env, `Function "${fn.metadata.name}", binding "${name}"`);
    } catch (err) {
      problems.push((err as Error).message);
      bindings[name] = binding;
    }
  }
  return { metadata: { ...fn.metadata, bindings }, callback: fn.callback };
}

/** The input provider or output handler for a binding type, case-insensitively. */
export function handlerFor<T extends { type: string }>(handlers: readonly T[], type: string): T | undefined {
  return handlers.find((h) => key(h.type) === key(type));
}

function listTypes(types: readonly string[]): string {
  return [...new Set(types)].sort().join(', ') || 'none';
}

function checkBindings(fn: RegisteredFunction, support: BindingSupport): string[] {
  const problems: string[] = [];
  const trigger = triggerType(fn);
  if (!support.triggerTypes.some((t) => key(t) === key(trigger))) {
    problems.push(`Trigger type "${trigger}" is not supported here (supported: ${listTypes(support.triggerTypes)}).`);
  }
  for (const [bindingName, binding] of Object.entries(fn.metadata.bindings)) {
    if (/trigger$/i.test(binding.type)) continue;
    const where = `Binding "${bindingName}" (type "${binding.type}", direction "${binding.direction}")`;
    if (binding.direction === 'out' && key(binding.type) === 'http') {
      if (key(trigger) !== 'httptrigger') problems.push(`${where} only works with an httpTrigger.`);
      continue;
    }
    const table: ReadonlyArray<{ type: string }> = binding.direction === 'out' ? support.outputs : support.inputs;
    const handler = handlerFor(table, binding.type);
    if (!handler) {
      const kind = binding.direction === 'out' ? 'output' : 'input';
      problems.push(`${where} is not supported here (supported ${kind} types: ${listTypes(table.map((h) => h.type))}).`);
      continue;
    }
    if (canValidate(handler)) {
      try {
        handler.validate({ fn, name: bindingName, binding });
      } catch (err) {
        problems.push((err as Error).message);
      }
    }
  }
  return problems;
}
