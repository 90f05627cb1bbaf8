import { ConflictError, NotFoundError, type JobRecord } from '../model';
import type { ScheduleDeps } from './deps';
import { canonicalJson } from '../adapters/cosmos/jobStoreRules';
import { submitTick } from './firing/submitTick';
import { newScheduleRecord, withJob, type ScheduleRecord } from './model/scheduleRecord';
import type { NormalizedSchedule } from './model/scheduleSpec';
import { sealScheduleSecrets } from './scheduleSecrets';
import { fireTimesOf } from './timing/fireTimes';
import { manualJobName } from './timing/jobName';

/**
 * What users do with schedules (the API and the CLI call these): create or replace, enable,
 * disable, delete, run now. Times come from the submission clock.
 */

/** The first tick at or after `now`. */
function firstTick(schedule: NormalizedSchedule, triggerSince: string, now: Date): number | null {
  return fireTimesOf(schedule.trigger, Date.parse(triggerSince)).nextAfter(now.getTime() - 1) ?? null;
}

/**
 * Creates the schedule, or replaces the definition of an existing one (its jobs and history are
 * kept). A new trigger starts from now: no start time means now, a start in the past fires at the
 * next computed time. The same definition again changes nothing. ValidationError when the job has
 * secrets and the app no JOB_SECRETS_KEY.
 */
export async function putSchedule(deps: ScheduleDeps, definition: NormalizedSchedule): Promise<{ record: ScheduleRecord; created: boolean }> {
  const schedule = sealScheduleSecrets(definition, deps.submit.secrets);
  const now = deps.submit.clock.now();
  if ((await deps.schedules.get(schedule.name)) === undefined) {
    try {
      const fresh = newScheduleRecord(schedule, now, undefined);
      return { record: await deps.schedules.create({ ...fresh, nextFireAt: firstTick(schedule, fresh.triggerSince, now) }), created: true };
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err; // created meanwhile: replace it below
    }
  }
  const record = await deps.schedules.update(schedule.name, (current) => {
    if (canonicalJson(current.schedule) === canonicalJson(schedule)) return undefined;
    const retimed = canonicalJson(current.schedule.trigger) !== canonicalJson(schedule.trigger);
    const triggerSince = retimed ? now.toISOString() : current.triggerSince;
    const restart = retimed || (schedule.is_enabled && !current.schedule.is_enabled);
    return { ...current, schedule, updatedAt: now.toISOString(), triggerSince, nextFireAt: restart ? firstTick(schedule, triggerSince, now) : current.nextFireAt };
  });
  return { record, created: false };
}

export async function getSchedule(deps: Pick<ScheduleDeps, 'schedules'>, name: string): Promise<ScheduleRecord> {
  const record = await deps.schedules.get(name);
  if (record === undefined) throw new NotFoundError(`schedule ${name} does not exist`);
  return record;
}

/** Enabling starts from now: ticks that passed while the schedule was disabled do not fire. */
export async function setScheduleEnabled(deps: ScheduleDeps, name: string, enabled: boolean): Promise<ScheduleRecord> {
  await getSchedule(deps, name);
  const now = deps.submit.clock.now();
  return deps.schedules.update(name, (current) => {
    if (current.schedule.is_enabled === enabled) return undefined;
    const schedule = { ...current.schedule, is_enabled: enabled };
    return { ...current, schedule, updatedAt: now.toISOString(), ...(enabled && { nextFireAt: firstTick(schedule, current.triggerSince, now) }) };
  });
}

/** As in Azure ML, an enabled schedule must be disabled first (ConflictError), unless `force`. Its jobs stay. */
export async function deleteSchedule(deps: Pick<ScheduleDeps, 'schedules'>, name: string, force: boolean): Promise<void> {
  const record = await getSchedule(deps, name);
  if (record.schedule.is_enabled && !force) {
    throw new ConflictError(`schedule ${name} is enabled; disable it first (durable-jobs schedule disable ${name}, or POST /api/schedules/${name}/disable), or delete it with --force (?force=true)`);
  }
  if (!(await deps.schedules.delete(name, record._etag))) throw new NotFoundError(`schedule ${name} does not exist`);
}

/**
 * Runs the schedule's job now, as `<schedule>-manual-<time>Z`, whether the schedule is enabled or
 * not and whatever its concurrency policy; its ticks go on as before. ValidationError when the job
 * is refused.
 */
export async function triggerSchedule(deps: ScheduleDeps, name: string): Promise<{ job: JobRecord; created: boolean }> {
  const record = await getSchedule(deps, name);
  const now = deps.submit.clock.now();
  const jobName = manualJobName(name, now.getTime());
  const submitted = await submitTick(deps, record, jobName);
  if (submitted.outcome === 'rejected') throw submitted.error;
  if (submitted.outcome === 'exists') throw new ConflictError(`a job named ${jobName} already exists with another spec; try again in a second`);
  await deps.schedules.update(name, (current) => {
    const next = withJob(current, { name: jobName, fireTime: now.toISOString(), manual: true });
    return next === current ? undefined : next;
  });
  return { job: submitted.job, created: submitted.created };
}

