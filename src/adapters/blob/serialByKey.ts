/**
 * Runs tasks one after another per key, in call order; different keys run independently. Appends
 * to one log from one process thus land in the order they were asked for, even when callers do
 * not wait for each other. A failed task does not stop the ones queued after it.
 */
export class SerialByKey {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
