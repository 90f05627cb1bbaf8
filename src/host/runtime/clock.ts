/**
 * Time as the host sees it. The system clock for real runs; a virtual clock lets tests make durable
 * timers and timer triggers of hours complete in milliseconds.
 */
export interface Clock {
  now(): number;
  /** Resolves at `at` (epoch ms) on this clock, or rejects with the signal's reason. */
  sleepUntil(at: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleepUntil(at, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) { reject(signal.reason); return; }
      // setTimeout is limited to 2^31-1 ms; re-check on wake for longer waits.
      const wait = (): void => {
        const delay = Math.min(Math.max(0, at - Date.now()), 2 ** 31 - 1);
        timer = setTimeout(() => (Date.now() >= at ? done() : wait()), delay);
      };
      const done = (): void => { signal?.removeEventListener('abort', abort); resolve(); };
      const abort = (): void => { clearTimeout(timer); reject(signal?.reason); };
      let timer: NodeJS.Timeout;
      signal?.addEventListener('abort', abort, { once: true });
      wait();
    });
  },
};

interface Sleeper { at: number; resolve: () => void; }

/**
 * A clock that only moves when told to. `advanceTo` wakes every sleeper due by then, in time order.
 * The host's `waitForIdle({ advanceTimers: true })` jumps it to the next due timer when nothing
 * else is running.
 */
export class VirtualClock implements Clock {
  private current: number;
  private sleepers: Sleeper[] = [];

  constructor(start: number | Date = Date.UTC(2026, 0, 1)) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.current;
  }

  sleepUntil(at: number, signal?: AbortSignal): Promise<void> {
    if (at <= this.current) return Promise.resolve();
    return new Promise((resolve, reject) => {
      if (signal?.aborted) { reject(signal.reason); return; }
      const abort = (): void => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        reject(signal?.reason);
      };
      // The abort listener goes when the sleeper wakes, so long-lived signals do not pile them up.
      const sleeper: Sleeper = { at, resolve: () => { signal?.removeEventListener('abort', abort); resolve(); } };
      this.sleepers.push(sleeper);
      signal?.addEventListener('abort', abort, { once: true });
    });
  }

  /** The earliest time someone is waiting for, if any. */
  nextWake(): number | undefined {
    return this.sleepers.reduce<number | undefined>((min, s) => (min === undefined || s.at < min ? s.at : min), undefined);
  }

  advanceTo(at: number): void {
    if (at < this.current) throw new Error(`VirtualClock cannot go back from ${new Date(this.current).toISOString()} to ${new Date(at).toISOString()}`);
    this.current = at;
    const due = this.sleepers.filter((s) => s.at <= at).sort((a, b) => a.at - b.at);
    this.sleepers = this.sleepers.filter((s) => s.at > at);
    for (const sleeper of due) sleeper.resolve();
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.current + ms);
  }
}
