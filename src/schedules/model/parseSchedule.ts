import { ValidationError } from '../../model/errors';
import { checkJob } from '../../model/parseJob';
import { fromZodIssues, toValidationIssues, type SpecIssue } from '../../model/specIssues';
import { NormalizedSchedule, ScheduleSpec } from './scheduleSpec';

/** Validation and normalization of a schedule from any source (a YAML file, an HTTP body). Pure. */

export type ScheduleCheck = { readonly ok: true; readonly schedule: NormalizedSchedule } | { readonly ok: false; readonly issues: readonly SpecIssue[] };

/** The create_job's name is not used (each job is named after its tick); validation generates none. */
const noRandom = () => 0;

/**
 * Validates `data` as a schedule, its `create_job` as a job (issues under `create_job.…`), and
 * applies defaults. A `create_job` given as a path must have been read and inlined by the caller
 * (the CLI does, relative to the schedule file); here it is an issue.
 */
export function checkSchedule(data: unknown): ScheduleCheck {
  const parsed = ScheduleSpec.safeParse(data);
  const issues: SpecIssue[] = parsed.success ? [] : fromZodIssues(parsed.error.issues, data);
  const createJob = (data as { create_job?: unknown } | null)?.create_job;
  if (typeof createJob === 'string' && !issues.some((issue) => issue.path[0] === 'create_job')) {
    issues.push({ path: ['create_job'], anchor: 'value', message: `${JSON.stringify(createJob)} is a path; send the job spec inline here (durable-jobs schedule create reads the path relative to the schedule file and inlines it)` });
  }
  if (createJob !== null && typeof createJob === 'object' && !Array.isArray(createJob)) {
    const job = checkJob(createJob, { random: noRandom });
    if (!job.ok) issues.push(...job.issues.map((issue) => ({ ...issue, path: ['create_job', ...issue.path] })));
  }
  if (!parsed.success || issues.length > 0) return { ok: false, issues };
  return { ok: true, schedule: normalizeSchedule(parsed.data) };
}

/** Like checkSchedule, but throws a ValidationError listing every problem (no positions). */
export function parseSchedule(data: unknown): NormalizedSchedule {
  const result = checkSchedule(data);
  if (!result.ok) throw new ValidationError(toValidationIssues(result.issues), { summary: 'invalid schedule' });
  return result.schedule;
}

function normalizeSchedule(spec: ScheduleSpec): NormalizedSchedule {
  const { name: _tickNamed, ...job } = spec.create_job as Record<string, unknown>;
  return NormalizedSchedule.parse({
    ...spec,
    tags: spec.tags ?? {},
    properties: spec.properties ?? {},
    create_job: job,
    is_enabled: spec.is_enabled ?? true,
    catch_up: spec.catch_up ?? 'last',
    concurrency: spec.concurrency ?? 'allow',
  });
}
