import { trimText } from './trimText';

/**
 * The last init() failure, remembered for a cool-down so that a script whose init() always fails
 * (a missing model, a bad import) is not started again and again in a hot loop: while it lasts,
 * runs that would need a new worker get the same failure at once.
 */
export class InitFailureMemory {
  private last: { error: string; worker: number; at: number } | undefined;

  constructor(private readonly cooldownMs: number, private readonly now: () => number = Date.now) {}

  remember(worker: number, error: string): void {
    this.last = { error, worker, at: this.now() };
  }

  /** A worker started: init() works (again). */
  forget(): void {
    this.last = undefined;
  }

  /** While the cool-down lasts: the worker slot and error to fail new-worker runs with. */
  held(): { worker: number; error: string } | undefined {
    const last = this.last;
    if (!last) return undefined;
    const age = this.now() - last.at;
    if (age >= this.cooldownMs) return undefined;
    const error = `init() failed in worker ${last.worker} ${Math.round(age / 1000)} s ago, so no new worker is started yet: ${last.error}`;
    return { worker: last.worker, error: trimText(error) };
  }
}
