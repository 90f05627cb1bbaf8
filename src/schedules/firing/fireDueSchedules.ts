import type { ScheduleDeps } from '../deps';
import { fireSchedule, type FiringResult } from './fireSchedule';

export type DueOutcome = FiringResult | { readonly schedule: string; readonly error: Error };

/** At most this many schedules fire at once on one host. */
const PARALLEL = 4;

/**
 * What the timer does every minute: fires every enabled schedule whose next tick has come. A
 * schedule that fails (its store or the job store is unavailable) is reported and left as it
 * was, to be fired on the next tick; the others go on.
 */
export async function fireDueSchedules(deps: ScheduleDeps): Promise<DueOutcome[]> {
  const now = deps.submit.clock.now();
  const due = await deps.schedules.listDue(now);
  const outcomes: DueOutcome[] = [];
  for (let i = 0; i < due.length; i += PARALLEL) {
    outcomes.push(...(await Promise.all(due.slice(i, i + PARALLEL).map((record) => fireSchedule(deps, record, now).catch((err: unknown): DueOutcome => ({
      schedule: record.name, error: err instanceof Error ? err : new Error(String(err)),
    }))))));
  }
  return outcomes;
}
