import { isIP } from 'node:net';

/**
 * True when `hostname` (as in `URL.hostname`, so IPv6 keeps its brackets) names this machine:
 * `localhost`, any 127.0.0.0/8 address, or `::1`. Local emulators are trusted with relaxed TLS
 * checks and started on demand; anything else is treated as a real, remote service.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

/** True when `url` parses and its host is a loopback host (see {@link isLoopbackHost}). */
export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}
