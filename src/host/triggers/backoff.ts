/**
 * The delay between empty queue polls: starts at the minimum and roughly doubles (with jitter, so
 * many listeners do not poll in step) up to the maximum; any message found resets it.
 */
export class PollingBackoff {
  private current: number;

  constructor(private readonly minMs: number, private readonly maxMs: number, private readonly random: () => number = Math.random) {
    this.current = minMs;
  }

  reset(): void {
    this.current = this.minMs;
  }

  /** The next delay to wait, then grows the one after. */
  next(): number {
    const delay = this.current;
    const grown = this.current * (1.8 + 0.4 * this.random());
    this.current = Math.min(this.maxMs, Math.max(this.minMs, Math.round(grown)));
    return Math.min(delay, this.maxMs);
  }
}

/** Waits `ms` of real time unless woken or aborted first. */
export class WakeableDelay {
  private wakeUp: (() => void) | undefined;

  wait(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      this.wakeUp = done;
    });
  }

  wake(): void {
    this.wakeUp?.();
  }
}
