import { ValidationError } from '../../model/errors';
import type { ApiRequest } from '../../jobs/api/handlers';
import { jobView } from '../../jobs/api/jobView';
import { json, type ApiResponse } from '../../jobs/api/responses';
import type { ScheduleDeps } from '../deps';
import { ScheduleName } from '../model/scheduleSpec';
import { scheduleToYaml } from '../model/scheduleYaml';
import { deleteSchedule, getSchedule, putSchedule, setScheduleEnabled, triggerSchedule } from '../operations';
import { redactScheduleSecrets } from '../scheduleSecrets';
import { scheduleFromBody } from './scheduleBody';
import { scheduleView } from './scheduleView';

/**
 * The schedules API, independent of the Functions programming model (functions/schedulesApi.ts
 * registers it). Errors are thrown and mapped by withErrors: 400 invalid, 404 unknown schedule,
 * 409 conflict (deleting an enabled schedule), 413 too large.
 */

export const UPCOMING_FIRE_TIMES = 5;

export function scheduleLocation(name: string): string {
  return `/api/schedules/${encodeURIComponent(name)}`;
}

/** `PUT /api/schedules/{name}`: 201 with a new schedule, 200 with a replaced (or unchanged) one. */
export async function putScheduleRequest(deps: ScheduleDeps, request: ApiRequest): Promise<ApiResponse> {
  const name = scheduleNameParam(request);
  const schedule = scheduleFromBody(await request.text(), request.headers.get('content-type'), name);
  const { record, created } = await putSchedule(deps, schedule);
  return json(created ? 201 : 200, scheduleView(record, { upcoming: UPCOMING_FIRE_TIMES }), { Location: scheduleLocation(name) });
}

/** `GET /api/schedules/{name}[?format=json|yaml]`: the schedule with its next fire times, or its definition as YAML. */
export async function showScheduleRequest(deps: Pick<ScheduleDeps, 'schedules'>, request: ApiRequest): Promise<ApiResponse> {
  const name = scheduleNameParam(request);
  const format = request.query.get('format') ?? 'json';
  if (format !== 'json' && format !== 'yaml') throw invalid('format', `must be json or yaml (got "${format}")`);
  const record = await getSchedule(deps, name);
  if (format === 'yaml') return { status: 200, body: scheduleToYaml(redactScheduleSecrets(record.schedule)), headers: { 'Content-Type': 'application/yaml; charset=utf-8' } };
  return json(200, scheduleView(record, { upcoming: UPCOMING_FIRE_TIMES }));
}

/** `GET /api/schedules[?top=N][&continuationToken=T]`: schedules by name, paged. */
export async function listSchedulesRequest(deps: Pick<ScheduleDeps, 'schedules'>, request: ApiRequest): Promise<ApiResponse> {
  const unknown = [...request.query.keys()].filter((key) => key !== 'top' && key !== 'continuationToken');
  if (unknown.length > 0) throw invalid(unknown[0]!, `unknown query parameter(s) ${unknown.join(', ')}; accepted: top, continuationToken`);
  const top = request.query.get('top');
  if (top !== null && !/^\d+$/.test(top)) throw invalid('top', `expected an integer from 1 to 1000, got "${top}"`);
  const token = request.query.get('continuationToken') ?? request.headers.get('x-ms-continuation-token') ?? undefined;
  const page = await deps.schedules.list({ ...(top !== null && { top: Number(top) }), ...(token && { continuationToken: token }) });
  const body = { schedules: page.schedules.map((record) => scheduleView(record)), ...(page.continuationToken && { continuation_token: page.continuationToken }) };
  return json(200, body, page.continuationToken ? { 'x-ms-continuation-token': page.continuationToken } : undefined);
}

/** `DELETE /api/schedules/{name}[?force=true]`: 204; 409 while the schedule is enabled, unless forced. */
export async function deleteScheduleRequest(deps: Pick<ScheduleDeps, 'schedules'>, request: ApiRequest): Promise<ApiResponse> {
  const force = request.query.get('force');
  if (force !== null && force !== 'true' && force !== 'false') throw invalid('force', `must be true or false (got "${force}")`);
  await deleteSchedule(deps, scheduleNameParam(request), force === 'true');
  return { status: 204 };
}

/** `POST /api/schedules/{name}/enable` and `/disable`: 200 with the schedule. */
export async function enableScheduleRequest(deps: ScheduleDeps, request: ApiRequest, enabled: boolean): Promise<ApiResponse> {
  const record = await setScheduleEnabled(deps, scheduleNameParam(request), enabled);
  return json(200, scheduleView(record, { upcoming: UPCOMING_FIRE_TIMES }));
}

/** `POST /api/schedules/{name}/trigger`: runs the job now; 201 with the job (as `GET /api/jobs/{name}` shows it). */
export async function triggerScheduleRequest(deps: ScheduleDeps, request: ApiRequest): Promise<ApiResponse> {
  const { job, created } = await triggerSchedule(deps, scheduleNameParam(request));
  return json(created ? 201 : 200, jobView(job), { Location: `/api/jobs/${encodeURIComponent(job.name)}` });
}

function scheduleNameParam(request: ApiRequest): string {
  const name = request.params['name'] ?? '';
  const parsed = ScheduleName.safeParse(name);
  if (!parsed.success) throw invalid('name', `"${name}": ${parsed.error.issues[0]?.message}`);
  return name;
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError([{ path, message }], { summary: 'invalid request' });
}
