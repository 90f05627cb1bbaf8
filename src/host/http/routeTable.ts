import type { RegisteredFunction } from '../core/coreShim';
import type { RpcBindingInfo } from '../core/rpcTypes';
import { compileRoute, type CompiledRoute } from './routeTemplate';

export type AuthLevel = 'anonymous' | 'function' | 'admin';

export interface HttpRoute {
  fn: RegisteredFunction;
  triggerName: string;
  route: CompiledRoute;
  /** Upper-case; undefined accepts every method. */
  methods: string[] | undefined;
  authLevel: AuthLevel;
}

export type RouteLookup =
  | { kind: 'found'; route: HttpRoute; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

const AUTH_LEVELS: readonly AuthLevel[] = ['anonymous', 'function', 'admin'];

/**
 * The app's HTTP routes under the route prefix. The most specific template wins (literal segments
 * before constrained parameters, before plain parameters, before catch-alls; then registration
 * order); a path that matches only with other methods answers 405 with those in `Allow`.
 */
export class RouteTable {
  private readonly routes: HttpRoute[] = [];

  constructor(readonly prefix: string) {}

  /** Adds an httpTrigger function; throws (naming the function) when its settings are invalid. */
  add(fn: RegisteredFunction, triggerName: string, binding: RpcBindingInfo): HttpRoute {
    const where = `Function "${fn.metadata.name}"`;
    const template = typeof binding['route'] === 'string' && binding['route'] !== '' ? binding['route'] : fn.metadata.name;
    const route = compileRoute(this.prefix, template, where);
    const authLevel = String(binding['authLevel'] ?? 'anonymous').toLowerCase() as AuthLevel;
    if (!AUTH_LEVELS.includes(authLevel)) {
      throw new Error(`${where}: authLevel "${String(binding['authLevel'])}" is not one of ${AUTH_LEVELS.join(', ')}.`);
    }
    const rawMethods = binding['methods'];
    const methods = Array.isArray(rawMethods) && rawMethods.length > 0 ? rawMethods.map((m) => String(m).toUpperCase()) : undefined;
    const entry: HttpRoute = { fn, triggerName, route, methods, authLevel };
    this.routes.push(entry);
    this.routes.sort((a, b) => comparePrecedence(a.route.precedence, b.route.precedence));
    return entry;
  }

  get all(): readonly HttpRoute[] {
    return this.routes;
  }

  lookup(method: string, path: string): RouteLookup {
    const allow = new Set<string>();
    let anyMethodMismatch = false;
    for (const route of this.routes) {
      const params = route.route.match(path);
      if (!params) continue;
      if (!route.methods || route.methods.includes(method.toUpperCase())) return { kind: 'found', route, params };
      anyMethodMismatch = true;
      route.methods.forEach((m) => allow.add(m));
    }
    return anyMethodMismatch ? { kind: 'method-not-allowed', allow: [...allow].sort() } : { kind: 'not-found' };
  }
}

/** Stable sort key: lower ranks segment by segment; on a tie, more segments is more specific. */
function comparePrecedence(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return b.length - a.length;
}
