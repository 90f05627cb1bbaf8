import { randomUUID } from 'node:crypto';
import type { RpcBindingInfo } from '../core/rpcTypes';

/**
 * Binding expressions as the Functions host resolves them:
 * - `%Setting%` — an app setting, resolved once when the function loads (any string setting of a
 *   binding: queueName, path, schedule …);
 * - `{name}` — a value of the trigger's binding data (queue message JSON properties, route
 *   parameters, `queueTrigger`, `id` …), resolved per invocation; names are case-insensitive and
 *   may be dotted (`{order.id}`);
 * - `{rand-guid}`, `{DateTime}` (UTC, `2026-01-01T08-30-00Z`), `{sys.utcnow}`, `{sys.randguid}`,
 *   `{sys.methodname}`.
 */

const APP_SETTING = /%([^%\s]+)%/g;
const RUNTIME_EXPRESSION = /\{([^{}]+)\}/g;

/** Replaces `%Setting%` references in every string setting of a binding; `where` names the binding. */
export function resolveAppSettings(binding: RpcBindingInfo, env: NodeJS.ProcessEnv, where: string): RpcBindingInfo {
  const resolved: RpcBindingInfo = { ...binding };
  for (const [key, value] of Object.entries(binding)) {
    if (typeof value !== 'string' || key === 'name' || key === 'type' || key === 'direction') continue;
    resolved[key] = value.replace(APP_SETTING, (_match, setting: string) => {
      const settingValue = env[setting];
      if (settingValue === undefined) {
        throw new Error(`${where}: "${key}" refers to app setting %${setting}%, which is not set (add it to local.settings.json Values or the environment).`);
      }
      return settingValue;
    });
  }
  return resolved;
}

export interface ExpressionContext {
  bindingData: Record<string, unknown> | undefined;
  now: number;
  functionName: string;
}

/** Resolves `{…}` expressions in a binding setting for one invocation; `where` names the setting. */
export function resolveRuntimeExpressions(template: string, context: ExpressionContext, where: string): string {
  return template.replace(RUNTIME_EXPRESSION, (_match, rawName: string) => {
    const name = rawName.trim();
    const builtIn = builtInValue(name.toLowerCase(), context);
    if (builtIn !== undefined) return builtIn;
    const value = lookup(context.bindingData ?? {}, name);
    if (value === undefined || value === null) {
      const available = Object.keys(context.bindingData ?? {}).sort().join(', ') || 'none';
      throw new Error(`${where}: "${template}" uses {${name}}, but the trigger provides no such value (available: ${available}; built-ins: rand-guid, DateTime, sys.utcnow, sys.randguid, sys.methodname).`);
    }
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}

/** True when the template has `{…}` expressions that need trigger data. */
export function hasRuntimeExpressions(template: string): boolean {
  return new RegExp(RUNTIME_EXPRESSION.source).test(template);
}

function builtInValue(name: string, context: ExpressionContext): string | undefined {
  switch (name) {
    case 'rand-guid':
    case 'sys.randguid':
      return randomUUID();
    case 'datetime':
      return new Date(context.now).toISOString().replace(/\.\d{3}Z$/, 'Z').replaceAll(':', '-');
    case 'sys.utcnow':
      return new Date(context.now).toISOString();
    case 'sys.methodname':
      return context.functionName;
    default:
      return undefined;
  }
}

/** Case-insensitive, dotted lookup: `{Order.Id}` finds `bindingData.order.id`. */
function lookup(data: Record<string, unknown>, path: string): unknown {
  let current: unknown = data;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    const record = current as Record<string, unknown>;
    const key = Object.keys(record).find((k) => k.toLowerCase() === part.toLowerCase());
    if (key === undefined) return undefined;
    current = record[key];
  }
  return current;
}
