import { JOB_STATUSES, JOB_TYPES, type JobStatus } from '../model';
import { didYouMean, listOf } from '../model/suggest';
import type { JobQuery } from '../ports';
import { integerParam, invalidRequest, queryOf, single, type ApiHttpRequest } from './request';

/**
 * The query of `GET /api/jobs`: `status` (comma-separated and/or repeated, any of the twelve
 * statuses, case-insensitive), `type`, `experiment`, `tag=key=value` (repeatable, all must match),
 * `top` (1–1000), `continuationToken` (or the `x-ms-continuation-token` header) and `counts`
 * (`false` leaves out the counts per status).
 */
export interface ListJobsQuery {
  readonly query: JobQuery;
  readonly counts: boolean;
}

export const MAX_TOP = 1000;
const PARAMS = ['status', 'type', 'experiment', 'tag', 'top', 'continuationToken', 'counts'];
export const CONTINUATION_HEADER = 'x-ms-continuation-token';

export function parseListQuery(request: ApiHttpRequest): ListJobsQuery {
  const params = queryOf(request, PARAMS);
  const status = statuses(params.getAll('status'));
  const type = jobType(single(params, 'type'));
  const experimentName = nonEmpty(params, 'experiment');
  const tags = tagFilters(params.getAll('tag'));
  const top = integerParam(params, 'top', 1, MAX_TOP);
  const continuationToken = continuation(params, request.headers.get(CONTINUATION_HEADER));
  const query: JobQuery = {
    ...(status.length > 0 && { status }),
    ...(type !== undefined && { type }),
    ...(experimentName !== undefined && { experimentName }),
    ...(Object.keys(tags).length > 0 && { tags }),
    ...(top !== undefined && { top }),
    ...(continuationToken !== undefined && { continuationToken }),
  };
  return { query, counts: booleanParam(params, 'counts', true) };
}

function statuses(values: string[]): JobStatus[] {
  const byLower = new Map(JOB_STATUSES.map((status) => [status.toLowerCase(), status]));
  const found: JobStatus[] = [];
  const problems: Array<{ path: string; message: string }> = [];
  for (const text of values.flatMap((value) => value.split(',')).map((part) => part.trim())) {
    if (text === '') continue;
    const status = byLower.get(text.toLowerCase());
    if (status === undefined) problems.push({ path: 'status', message: `"${text}" is not a job status${didYouMean(text, JOB_STATUSES)}; expected any of ${listOf(JOB_STATUSES)}` });
    else if (!found.includes(status)) found.push(status);
  }
  if (problems.length > 0) throw invalidRequest(problems, 'invalid job query');
  return found;
}

function jobType(text: string | undefined): JobQuery['type'] {
  if (text === undefined) return undefined;
  const type = JOB_TYPES.find((candidate) => candidate === text.trim().toLowerCase());
  if (type === undefined) throw invalidRequest([{ path: 'type', message: `"${text}" is not a job type${didYouMean(text, JOB_TYPES)}; expected ${listOf(JOB_TYPES)}` }], 'invalid job query');
  return type;
}

function tagFilters(values: string[]): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const text of values) {
    const eq = text.indexOf('=');
    const key = eq < 0 ? '' : text.slice(0, eq);
    if (key === '') throw invalidRequest([{ path: 'tag', message: `"${text}": expected key=value, e.g. tag=team%3Dvision` }], 'invalid job query');
    const value = text.slice(eq + 1);
    if (key in tags && tags[key] !== value) throw invalidRequest([{ path: 'tag', message: `tag "${key}" is given twice with different values ("${tags[key]}", "${value}"); a job has one value per tag` }], 'invalid job query');
    tags[key] = value;
  }
  return tags;
}

function nonEmpty(params: URLSearchParams, key: string): string | undefined {
  const value = single(params, key);
  if (value === undefined) return undefined;
  if (value.trim() === '') throw invalidRequest([{ path: key, message: 'is empty; leave it out to match every value' }], 'invalid job query');
  return value;
}

function continuation(params: URLSearchParams, header: string | null): string | undefined {
  const fromQuery = single(params, 'continuationToken');
  const fromHeader = header?.trim() || undefined;
  if (fromQuery !== undefined && fromHeader !== undefined && fromQuery !== fromHeader) {
    throw invalidRequest([{ path: 'continuationToken', message: `the query and the ${CONTINUATION_HEADER} header carry different tokens; give one` }], 'invalid job query');
  }
  return fromQuery || fromHeader;
}

function booleanParam(params: URLSearchParams, key: string, fallback: boolean): boolean {
  const text = single(params, key);
  if (text === undefined) return fallback;
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw invalidRequest([{ path: key, message: `expected true or false, got "${text}"` }]);
}
