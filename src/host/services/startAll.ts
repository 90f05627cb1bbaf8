export interface Stoppable {
  stop(): Promise<void>;
}

/**
 * Runs the starters concurrently. If any fails, stops the ones that did start, then throws the
 * first failure (with every failure as `errors` on an AggregateError when there are several).
 */
export async function startAllOrNone<T extends readonly (() => Promise<Stoppable>)[]>(
  starters: T,
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const results = await Promise.allSettled(starters.map((start) => start()));
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (failures.length === 0) {
    return results.map((r) => (r as PromiseFulfilledResult<Stoppable>).value) as { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
  }
  await Promise.allSettled(results.map((r) => (r.status === 'fulfilled' ? r.value.stop() : undefined)));
  if (failures.length === 1) throw failures[0];
  throw new AggregateError(failures, failures.map((f) => (f instanceof Error ? f.message : String(f))).join('\n'));
}
