/**
 * Runs `work` at most once per `intervalMs` however often it is poked, and once more at `flush()`.
 * A failed run is reported to `onError` and does not stop later ones.
 */
export class Throttle {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly work: () => Promise<void>, private readonly intervalMs: number, private readonly onError: (err: unknown) => void) {}

  poke(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.running.then(() => this.work()).catch(this.onError);
    }, this.intervalMs);
    this.timer.unref();
  }

  async flush(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.running = this.running.then(() => this.work()).catch(this.onError);
    await this.running;
  }

  /** Stops without a last run. */
  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
