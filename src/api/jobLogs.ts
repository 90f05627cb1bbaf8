import { NotFoundError } from '../model';
import type { JobRecord } from '../model';
import type { ArtifactStore, JobStore } from '../ports';
import { contentRange, parseRangeHeader } from './httpRange';
import { MAX_TAIL_LINES, readLogTail } from './logTail';
import { integerParam, invalidRequest, jobNameParam, queryOf, type ApiHttpRequest } from './request';
import type { ApiAnswer } from './respond';

/**
 * `GET /api/jobs/{name}/logs`: the job's log files (name, size, API path).
 * `GET /api/jobs/{name}/logs/{*path}`: one log — whole (200), an HTTP byte range (206 with
 * Content-Range; 416 when it starts at or past the end, so a reader following a growing log asks
 * `bytes=<what it has>-` and gets 416 until there is more), or `?tail=N`: the last N lines (200).
 * Every answer carries the log's current size in `x-log-size`. Log paths are relative to the job's
 * log folder and never leave it (a `..` path is a 400).
 */

export interface LogDeps {
  readonly jobs: JobStore;
  readonly artifacts: ArtifactStore;
}

export const LOG_SIZE_HEADER = 'x-log-size';
const TEXT = 'text/plain; charset=utf-8';

export function logHref(job: string, logName: string): string {
  return `/api/jobs/${encodeURIComponent(job)}/logs/${logName.split('/').map(encodeURIComponent).join('/')}`;
}

export async function jobLogsRequest(deps: LogDeps, request: ApiHttpRequest): Promise<ApiAnswer> {
  const name = jobNameParam(request);
  const logName = request.params['path'] ?? '';
  const query = queryOf(request, logName === '' ? [] : ['tail']);
  const record = await existingJob(deps.jobs, name);
  if (logName === '') return listLogs(deps.artifacts, record);
  const tail = integerParam(query, 'tail', 0, MAX_TAIL_LINES);
  const range = parseRangeHeader(request.headers.get('range'));
  if (tail !== undefined && range !== undefined) throw invalidRequest([{ path: 'tail', message: 'give either ?tail=N or a Range header, not both' }]);
  if (tail !== undefined) {
    const read = await readLogTail(deps.artifacts, name, logName, tail);
    if (read === undefined) throw missingLog(record, logName);
    return { status: 200, body: read.data, headers: logHeaders(read.size) };
  }
  if (range === undefined) {
    const read = await deps.artifacts.readLog(name, logName);
    if (read === undefined) throw missingLog(record, logName);
    return { status: 200, body: read.data, headers: logHeaders(read.size) };
  }
  const read = await deps.artifacts.readLog(name, logName, range.kind === 'suffix' ? { tail: range.length } : { start: range.start, ...(range.end !== undefined && { end: range.end }) });
  if (read === undefined) throw missingLog(record, logName);
  const start = range.kind === 'suffix' ? read.size - read.data.length : Math.min(range.start, read.size);
  if (read.data.length === 0) {
    return {
      status: 416,
      jsonBody: { error: { code: 'RangeNotSatisfiable', message: `${logName} of job ${name} is ${read.size} bytes long; the range ${request.headers.get('range')} has none of them` } },
      headers: { ...logHeaders(read.size), 'Content-Range': contentRange(0, 0, read.size) },
    };
  }
  return { status: 206, body: read.data, headers: { ...logHeaders(read.size), 'Content-Range': contentRange(start, read.data.length, read.size) } };
}

async function listLogs(artifacts: ArtifactStore, record: JobRecord): Promise<ApiAnswer> {
  const names = Object.keys(record.logFiles).sort();
  const sizes = await Promise.all(names.map((logName) => artifacts.logSize(record.name, logName)));
  const logFiles = names.map((logName, i) => ({ name: logName, ...(sizes[i] !== undefined && { size: sizes[i] }), href: logHref(record.name, logName) }));
  return { status: 200, jsonBody: { name: record.name, status: record.status, log_files: logFiles } };
}

export async function existingJob(jobs: JobStore, name: string): Promise<JobRecord> {
  const record = await jobs.get(name);
  if (record === undefined) throw new NotFoundError(`job ${name} does not exist`);
  return record;
}

function missingLog(record: JobRecord, logName: string): NotFoundError {
  const known = Object.keys(record.logFiles);
  const which = known.length === 0 ? `it has no logs yet (status ${record.status})` : `its logs: ${known.join(', ')}`;
  return new NotFoundError(`job ${record.name} has no log ${logName}; ${which}`);
}

function logHeaders(size: number): Record<string, string> {
  return { 'Content-Type': TEXT, 'Accept-Ranges': 'bytes', [LOG_SIZE_HEADER]: String(size), 'X-Content-Type-Options': 'nosniff' };
}
