import { jobView } from '../jobs/api/jobView';
import type { JobStatus } from '../model';
import type { JobStore } from '../ports';
import { CONTINUATION_HEADER, parseListQuery } from './jobQuery';
import type { ApiHttpRequest } from './request';
import type { ApiAnswer } from './respond';

/**
 * `GET /api/jobs`: one page of jobs (newest first, each as `GET /api/jobs/{name}` shows it), the
 * token of the next page (in the body and the `x-ms-continuation-token` header; absent on the last
 * page), and — unless `counts=false` — how many jobs match the filters in each status, and in all.
 */
export interface JobList {
  jobs: Array<Record<string, unknown>>;
  continuation_token?: string;
  counts?: Partial<Record<JobStatus, number>>;
  total?: number;
}

export async function listJobsRequest(jobs: JobStore, request: ApiHttpRequest): Promise<ApiAnswer> {
  const { query, counts } = parseListQuery(request);
  const { status, top: _top, continuationToken: _token, ...filters } = query;
  const [page, byStatus] = await Promise.all([jobs.list(query), counts ? jobs.countByStatus(filters) : undefined]);
  const body: JobList = { jobs: page.jobs.map(jobView) };
  if (page.continuationToken !== undefined) body.continuation_token = page.continuationToken;
  if (byStatus !== undefined) {
    // Counts follow the same filters: with a status filter, only those statuses count.
    body.counts = status === undefined ? byStatus : Object.fromEntries(Object.entries(byStatus).filter(([key]) => status.includes(key as JobStatus)));
    body.total = Object.values(body.counts).reduce((sum, n) => sum + n, 0);
  }
  return { status: 200, jsonBody: body, ...(page.continuationToken !== undefined && { headers: { [CONTINUATION_HEADER]: page.continuationToken } }) };
}
