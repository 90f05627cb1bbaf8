import { ValidationError } from './errors';
import { JobSpec, NormalizedJob, normalizeJob, type NormalizeOptions } from './jobSpec';
import { fromZodIssues, toValidationIssues, type SpecIssue } from './specIssues';

/** Validation and normalization of a job from any source (YAML, an HTTP body, a queue message). */

export type JobCheck = { readonly ok: true; readonly job: NormalizedJob } | { readonly ok: false; readonly issues: readonly SpecIssue[] };

/** Validates `data` as a job and applies defaults; returns every problem found instead of throwing. */
export function checkJob(data: unknown, options: NormalizeOptions): JobCheck {
  const parsed = JobSpec.safeParse(data);
  if (!parsed.success) return { ok: false, issues: fromZodIssues(parsed.error.issues, data) };
  return { ok: true, job: normalizeJob(parsed.data, options) };
}

/** Like checkJob, but throws a ValidationError listing every problem. */
export function parseJob(data: unknown, options: NormalizeOptions): NormalizedJob {
  const result = checkJob(data, options);
  if (!result.ok) throw new ValidationError(toValidationIssues(result.issues), { summary: 'invalid job' });
  return result.job;
}
