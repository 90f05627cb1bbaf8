import { ConflictError, ValidationError, type JobRecord } from '../../model';
import { rejectedSubmission } from '../../jobs/rejection';
import { submitJob } from '../../jobs/submit';
import type { ScheduleDeps } from '../deps';
import type { ScheduleRecord } from '../model/scheduleRecord';
import { openCreateJob } from '../scheduleSecrets';

/** The tag every scheduled job carries, so `durable-jobs list --tag schedule_name=NAME` finds them. */
export const SCHEDULE_TAG = 'schedule_name';

export type TickSubmission =
  | { readonly outcome: 'submitted'; readonly job: JobRecord; readonly created: boolean }
  /** A job by that name exists with another spec (the schedule changed after the tick fired): the tick has its job. */
  | { readonly outcome: 'exists' }
  | { readonly outcome: 'rejected'; readonly reason: string; readonly error: ValidationError };

/**
 * Submits the schedule's job under `jobName` through the same path as the queue (submitJob):
 * validation, sealed secrets, idempotent creation on the name, the orchestration started once.
 * A refused job is recorded as a rejected submission `schedule-<job name>`. Failures worth
 * retrying (Cosmos DB or storage unavailable) are thrown.
 */
export async function submitTick(deps: ScheduleDeps, record: ScheduleRecord, jobName: string): Promise<TickSubmission> {
  const { schedule } = record;
  const job: Record<string, unknown> = { ...openCreateJob(schedule, deps.submit.secrets), name: jobName };
  const tags = { ...(job['tags'] as Record<string, string> | undefined), [SCHEDULE_TAG]: schedule.name };
  try {
    const { record: created, created: isNew } = await submitJob(deps.submit, { job: { ...job, tags } }, `schedule ${schedule.name}`);
    return { outcome: 'submitted', job: created, created: isNew };
  } catch (err) {
    if (err instanceof ConflictError) return { outcome: 'exists' };
    if (!(err instanceof ValidationError)) throw err;
    const id = `schedule-${jobName}`;
    await deps.submit.jobs.recordRejected(rejectedSubmission(err, { id, source: 'schedule', receivedAt: deps.submit.clock.now(), original: { ...job, tags }, name: jobName }));
    const first = err.issues[0];
    return { outcome: 'rejected', error: err, reason: `job ${jobName} was refused: ${first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : err.message} (rejected submission ${id})` };
  }
}
