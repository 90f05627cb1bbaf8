/**
 * What the host is doing right now: invocations in flight and background work that triggers and
 * extensions reported (`HostServices.track`). `waitForIdle` and `stop` read it.
 */
export class Activity {
  private readonly invocations = new Set<Promise<unknown>>();
  private readonly background = new Set<Promise<unknown>>();

  get invocationCount(): number {
    return this.invocations.size;
  }

  get busy(): boolean {
    return this.invocations.size > 0 || this.background.size > 0;
  }

  /** Runs an invocation, counting it while it runs. */
  invocation<T>(run: () => Promise<T>): Promise<T> {
    return this.hold(this.invocations, run());
  }

  /** Counts a background task (a poll, a timer tick) until it settles. */
  track<T>(work: Promise<T>): Promise<T> {
    return this.hold(this.background, work);
  }

  /** Resolves once every invocation that is running now has finished (whatever its outcome). */
  async invocationsSettled(): Promise<void> {
    while (this.invocations.size > 0) await Promise.allSettled([...this.invocations]);
  }

  private hold<T>(set: Set<Promise<unknown>>, work: Promise<T>): Promise<T> {
    const settled = work.then(() => undefined, () => undefined);
    set.add(settled);
    void settled.then(() => set.delete(settled));
    return work;
  }
}
