import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Checks `condition` every `intervalMs` until it holds (true) or `timeoutMs` has passed (false).
 * The condition is checked once more at the deadline, so a zero timeout still checks once.
 */
export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, intervalMs = 20): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(Math.min(intervalMs, Math.max(1, deadline - Date.now())));
  }
}
