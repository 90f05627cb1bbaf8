import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { isListening, LOCAL_HOST } from '../../src/host/services/ports';

/** `test-<uuid>`: valid for queues and blob containers. */
export function testName(): string {
  return `test-${randomUUID()}`;
}

/** `test<uuid without dashes>`: tables and Cosmos ids want letters and digits only. */
export function testTableName(): string {
  return `test${randomUUID().replaceAll('-', '')}`;
}

/**
 * Polls `attempt` until it returns something other than undefined; fails after `timeoutMs` with
 * `what` in the message. For conditions that become true on their own (visibility timeouts,
 * processes ending) — never a blind sleep.
 */
export async function eventually<T>(
  what: string,
  attempt: () => Promise<T | undefined>,
  { timeoutMs = 10_000, intervalMs = 50 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}`);
    await delay(intervalMs);
  }
}

export async function waitUntilPortsClosed(ports: readonly number[], timeoutMs = 10_000): Promise<void> {
  await eventually(
    `ports ${ports.join(', ')} on ${LOCAL_HOST} are closed`,
    async () => ((await Promise.all(ports.map((p) => isListening(LOCAL_HOST, p, 200)))).some(Boolean) ? undefined : true),
    { timeoutMs },
  );
}

export function portOf(endpoint: string): number {
  return Number(new URL(endpoint).port);
}

/** A plain TCP listener on a free loopback port that hangs up on every connection: "not our service". */
export async function occupyPort(): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, LOCAL_HOST, resolve));
  const address = server.address();
  if (address === null || typeof address !== 'object') throw new Error('occupyPort: no address');
  return { port: address.port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
