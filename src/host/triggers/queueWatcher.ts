/**
 * Lets a queue output binding wake the queue trigger listening on the same queue, so a message
 * written by one function is picked up at once instead of after the poll back-off (the Functions
 * host's "shared queue watcher").
 */
export class QueueWatcher {
  private readonly listeners = new Map<string, Set<() => void>>();

  /** `queueUrl` identifies account and queue; the callback runs on every notify for it. */
  subscribe(queueUrl: string, onMessage: () => void): () => void {
    const key = normalize(queueUrl);
    let set = this.listeners.get(key);
    if (!set) {
      set = new Set();
      this.listeners.set(key, set);
    }
    set.add(onMessage);
    return () => {
      set.delete(onMessage);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  notify(queueUrl: string): void {
    for (const onMessage of this.listeners.get(normalize(queueUrl)) ?? []) onMessage();
  }
}

function normalize(url: string): string {
  return url.replace(/\?.*$/, '').replace(/\/+$/, '').toLowerCase();
}
