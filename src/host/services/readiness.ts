import { setTimeout as delay } from 'node:timers/promises';
import { describeExit, type ServiceProcess } from './serviceProcess';

const PROBE_INTERVAL_MS = 100;

/**
 * Waits until every pattern has matched a line of the child's output and returns the matches.
 * Fails early, with the output tail, if the child exits first; fails after `timeoutMs` otherwise.
 */
export function waitForOutput<K extends string>(
  proc: ServiceProcess,
  patterns: Readonly<Record<K, RegExp>>,
  timeoutMs: number,
): Promise<Record<K, RegExpMatchArray>> {
  const pending = new Map(Object.entries(patterns) as [K, RegExp][]);
  const found = {} as Record<K, RegExpMatchArray>;
  return new Promise((resolve, reject) => {
    const finish = (error?: Error): void => {
      unsubscribe();
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(found);
    };
    const unsubscribe = proc.onOutputLine((line) => {
      for (const [key, pattern] of pending) {
        const match = pattern.exec(line);
        if (match) {
          found[key] = match;
          pending.delete(key);
        }
      }
      if (pending.size === 0) finish();
    });
    const timer = setTimeout(
      () => finish(proc.failure(`did not report listening (${[...pending.keys()].join(', ')}) within ${timeoutMs} ms`)),
      timeoutMs,
    );
    void proc.exited.then((exit) => finish(proc.failure(`${describeExit(exit)} before it was listening`)));
  });
}

export interface ProbeOptions {
  /** Where the service should answer, for messages: "blob http://127.0.0.1:10000/devstoreaccount1". */
  readonly where: string;
  /** One attempt to talk to the service; resolves when it answered properly. */
  readonly probe: () => Promise<void>;
  readonly timeoutMs: number;
}

/**
 * Retries `probe` until it succeeds. Fails with the last probe error and the output tail if the
 * child exits, or when `timeoutMs` has passed.
 */
export async function waitUntilAnswering(proc: ServiceProcess, options: ProbeOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    if (proc.exitInfo) throw proc.failure(`${describeExit(proc.exitInfo)} before it answered at ${options.where}`, lastError);
    try {
      await options.probe();
      return;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      throw proc.failure(
        `did not answer at ${options.where} within ${options.timeoutMs} ms (last error: ${errorText(lastError)})`,
        lastError,
      );
    }
    await Promise.race([delay(PROBE_INTERVAL_MS), proc.exited]);
  }
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message.split('\n')[0] ?? err.name : String(err);
}
