import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AuthLevel } from './routeTable';

/**
 * Function keys. With none configured, every auth level is allowed (as Core Tools does locally).
 * Once any key is configured: `function` level needs a key of that function, a host key or the
 * master key; `admin` needs the master key. The key comes from `?code=` or `x-functions-key`.
 */
export interface HostKeys {
  master?: string;
  /** Host keys: valid for every function. */
  host?: string[];
  /** Function keys, by function name (case-insensitive). */
  functions?: Record<string, string[]>;
}

/** `FUNCTIONS_MASTER_KEY` and `FUNCTIONS_DEFAULT_KEY` (a host key) from app settings. */
export function keysFromEnv(env: NodeJS.ProcessEnv): HostKeys | undefined {
  const master = env['FUNCTIONS_MASTER_KEY'] || undefined;
  const hostKey = env['FUNCTIONS_DEFAULT_KEY'] || undefined;
  if (!master && !hostKey) return undefined;
  return { ...(master && { master }), ...(hostKey && { host: [hostKey] }) };
}

export class KeyAuthorizer {
  private readonly master: Buffer | undefined;
  private readonly host: Buffer[];
  private readonly functions = new Map<string, Buffer[]>();

  constructor(keys: HostKeys | undefined) {
    this.master = keys?.master ? digest(keys.master) : undefined;
    this.host = (keys?.host ?? []).filter(Boolean).map(digest);
    for (const [fn, list] of Object.entries(keys?.functions ?? {})) this.functions.set(fn.toLowerCase(), list.filter(Boolean).map(digest));
  }

  get enforced(): boolean {
    return this.master !== undefined || this.host.length > 0 || [...this.functions.values()].some((l) => l.length > 0);
  }

  /** True when the request may call a function with this auth level. */
  allows(level: AuthLevel, functionName: string, presented: string | undefined): boolean {
    if (level === 'anonymous' || !this.enforced) return true;
    if (presented === undefined || presented === '') return false;
    const key = digest(presented);
    if (this.master && timingSafeEqual(key, this.master)) return true;
    if (level === 'admin') return false;
    const candidates = [...this.host, ...(this.functions.get(functionName.toLowerCase()) ?? [])];
    return candidates.some((candidate) => timingSafeEqual(key, candidate));
  }

  /** One line for the startup log; never the keys themselves. */
  describe(): string {
    if (!this.enforced) {
      return 'HTTP auth: no keys configured, so authLevel "function" and "admin" are not enforced (as Core Tools does locally). ' +
        'Set FUNCTIONS_MASTER_KEY / FUNCTIONS_DEFAULT_KEY or pass keys to enforce them.';
    }
    const fnCount = [...this.functions.values()].filter((l) => l.length > 0).length;
    return `HTTP auth: keys configured (master key: ${this.master ? 'yes' : 'no'}, host keys: ${this.host.length}, ` +
      `functions with keys: ${fnCount}); "function" level needs ?code= or an x-functions-key header, "admin" the master key.`;
  }
}

/** The key a request presents: `?code=` first, then the `x-functions-key` header. */
export function presentedKey(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers['x-functions-key'];
  return url.searchParams.get('code') ?? (Array.isArray(header) ? header[0] : header);
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}
