import type { SubmitDeps } from '../jobs/submit';
import type { ScheduleStore } from './ports';

/** What schedule operations and firing need: the schedule store, and the job submission path. */
export interface ScheduleDeps {
  readonly schedules: ScheduleStore;
  /** The same submission path as the queue and POST /api/jobs (jobs, orchestration starter, clock, secrets …). */
  readonly submit: SubmitDeps;
  /** How old a due tick may be and still count as on time (default 5 minutes; see planTicks.ts). */
  readonly lateAfterMs?: number;
}
