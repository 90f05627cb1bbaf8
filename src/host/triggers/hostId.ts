import { createHash } from 'node:crypto';
import { hostname } from 'node:os';

const MAX_LENGTH = 32;

/**
 * The host id keys host state in storage (timer schedule status lives under
 * `azure-webjobs-hosts/timers/<host-id>/…`). `AzureFunctionsWebHost__hostid` wins, as on Azure;
 * otherwise the machine name plus a hash of the app directory, so two apps on one machine do not
 * share state. Lower-case letters, digits and dashes, at most 32 characters.
 */
export function resolveHostId(env: NodeJS.ProcessEnv, appDir: string, explicit?: string): string {
  const configured = explicit ?? env['AzureFunctionsWebHost__hostid'] ?? env['AzureFunctionsWebHost:hostid'];
  if (configured !== undefined && configured !== '') {
    if (!/^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/.test(configured)) {
      throw new Error(`Host id "${configured}" is invalid: use 1-${MAX_LENGTH} lower-case letters, digits and dashes, not starting or ending with a dash.`);
    }
    return configured;
  }
  const suffix = createHash('sha256').update(appDir).digest('hex').slice(0, 8);
  const machine = hostname().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'host';
  return `${machine.slice(0, MAX_LENGTH - suffix.length - 1).replace(/-+$/, '')}-${suffix}`;
}
