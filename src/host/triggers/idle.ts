import type { VirtualClock } from '../runtime/clock';

export interface WaitForIdleOptions {
  /** Jump a VirtualClock to each next due timer while otherwise idle. */
  advanceTimers?: boolean;
  /** With advanceTimers: stop at this time (epoch ms or Date); recurring timers otherwise never end. */
  until?: number | Date;
  /** Real-time limit; default 30 s. */
  timeoutMs?: number;
}

export interface IdleProbe {
  /** Called before each wait (queue listeners sweep their queues). */
  prepare(): void;
  /** Empty when nothing runs; otherwise what does, for the timeout message. */
  busyReasons(): string[];
}

/** Clock jumps allowed without `until` before we assume a recurring timer and stop with an error. */
const MAX_JUMPS_WITHOUT_UNTIL = 10_000;
/** Consecutive quiet checks (a few ms apart) that count as idle: work may start from a callback. */
const QUIET_CHECKS = 3;

export async function waitUntilIdle(probe: IdleProbe, clock: VirtualClock | undefined, options: WaitForIdleOptions): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  const until = options.until instanceof Date ? options.until.getTime() : options.until;
  const hint = options.advanceTimers && until === undefined ? ' Recurring timers never run out while advancing the clock: pass "until".' : '';
  for (let jumps = 0; ; jumps++) {
    probe.prepare();
    await settle(probe, deadline, timeoutMs, hint);
    if (!options.advanceTimers || !clock) return;
    const wake = clock.nextWake();
    if (wake === undefined || (until !== undefined && wake > until)) {
      if (until !== undefined && until > clock.now()) clock.advanceTo(until);
      return;
    }
    const now = new Date(clock.now()).toISOString();
    if (until === undefined && jumps >= MAX_JUMPS_WITHOUT_UNTIL) throw new Error(`waitForIdle: ${jumps} clock jumps (now ${now}) and timers keep coming.${hint}`);
    if (Date.now() > deadline) throw new Error(`waitForIdle timed out after ${timeoutMs} ms while advancing the clock (now ${now}).${hint}`);
    clock.advanceTo(wake);
  }
}

async function settle(probe: IdleProbe, deadline: number, timeoutMs: number, hint: string): Promise<void> {
  let quiet = 0;
  while (quiet < QUIET_CHECKS) {
    await new Promise((resolve) => setTimeout(resolve, quiet === 0 ? 2 : 1));
    const reasons = probe.busyReasons();
    quiet = reasons.length === 0 ? quiet + 1 : 0;
    if (quiet === 0 && Date.now() > deadline) {
      throw new Error(`waitForIdle timed out after ${timeoutMs} ms; still busy: ${reasons.join(', ')}.${hint}`);
    }
  }
}
