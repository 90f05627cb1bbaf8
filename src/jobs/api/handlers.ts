import { JobName, toYaml, ValidationError } from '../../model';
import type { JobStore } from '../../ports';
import { DEFAULT_CANCEL_REASON } from '../../activities/names';
import { requestCancel, type CancelDeps } from '../cancel';
import { requestRedrive, type RedriveDeps } from '../redrive';
import { redactSecrets } from '../jobSecrets';
import { isRejection, rejectedSubmission } from '../rejection';
import { submitJob, type SubmitDeps } from '../submit';
import { MAX_SUBMISSION_BYTES, type SubmissionEnvelope } from '../submission';
import { jobView } from './jobView';
import { envelopeFromBody } from './requestBody';
import { apiError, json, PayloadTooLargeError, type ApiResponse } from './responses';

/**
 * The jobs API, independent of the Functions programming model: each handler takes what it needs
 * of the request and returns the answer, or throws an error that responses.ts maps.
 */

/** What the handlers read of a request (the Functions `HttpRequest` has it). */
export interface ApiRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export function jobLocation(name: string): string {
  return `/api/jobs/${encodeURIComponent(name)}`;
}

/** `POST /api/jobs`: 201 with the new job, 200 with the existing one when the same spec was submitted before. */
export async function submitJobRequest(deps: SubmitDeps, request: ApiRequest, newId: () => string): Promise<ApiResponse> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_SUBMISSION_BYTES) throw new PayloadTooLargeError(`the request body is ${length} bytes; a job submission may have at most ${MAX_SUBMISSION_BYTES} bytes`);
  const body = await request.text();
  let envelope: SubmissionEnvelope | undefined;
  try {
    envelope = envelopeFromBody(body, request.headers.get('content-type'), request.query.get('name'));
    const { record, created } = await submitJob(deps, envelope, 'request body');
    return json(created ? 201 : 200, jobView(record), { Location: jobLocation(record.name) });
  } catch (err) {
    if (!isRejection(err)) throw err;
    const rejection = rejectedSubmission(err, { id: `http-${newId()}`, source: 'http', receivedAt: deps.clock.now(), original: body, name: envelope?.name });
    const recorded = await deps.jobs.recordRejected(rejection).then(() => true, () => false);
    const status = err instanceof ValidationError ? 400 : 409;
    return apiError(status, status === 400 ? 'ValidationError' : 'Conflict', err.message.split('\n')[0]!.replace(/:$/, ''), {
      ...(err instanceof ValidationError && { details: [...err.issues] }),
      ...(recorded && { rejection_id: rejection.id }),
    });
  }
}

/** `GET /api/jobs/{name}[?format=json|yaml]`: the job, or its YAML. */
export async function showJobRequest(jobs: JobStore, request: ApiRequest): Promise<ApiResponse> {
  const name = jobNameParam(request);
  const format = request.query.get('format') ?? 'json';
  if (format !== 'json' && format !== 'yaml') return apiError(400, 'ValidationError', `format must be json or yaml (got "${format}")`);
  const record = await jobs.get(name);
  if (record === undefined) return apiError(404, 'NotFound', `job ${name} does not exist`);
  if (format === 'yaml') return { status: 200, body: toYaml(redactSecrets(record.spec)), headers: { 'Content-Type': 'application/yaml; charset=utf-8' } };
  return json(200, jobView(record));
}

/** `POST /api/jobs/{name}/cancel` with an optional JSON body `{"reason": "…"}`: 202 with the job, now CancelRequested. */
export async function cancelJobRequest(deps: CancelDeps, request: ApiRequest): Promise<ApiResponse> {
  const name = jobNameParam(request);
  const reason = cancelReason(await request.text());
  const record = await requestCancel(deps, name, reason);
  return json(202, jobView(record), { Location: jobLocation(name) });
}

/** `POST /api/jobs/{name}/redrive`: re-runs the failed mini-batches of a finished parallel job; 202 with the record, queued again. */
export async function redriveJobRequest(deps: RedriveDeps, request: ApiRequest): Promise<ApiResponse> {
  const name = jobNameParam(request);
  const record = await requestRedrive(deps, name);
  return json(202, jobView(record), { Location: jobLocation(name) });
}

/** `GET /api/rejected-submissions/{id}`: why a submission was refused (the id is in its poison message or 400 answer). */
export async function showRejectedRequest(jobs: JobStore, request: ApiRequest): Promise<ApiResponse> {
  const id = request.params['id'] ?? '';
  const rejected = await jobs.getRejected(id);
  if (rejected === undefined) return apiError(404, 'NotFound', `no rejected submission has id ${id}`);
  return json(200, rejected);
}

function jobNameParam(request: ApiRequest): string {
  const name = request.params['name'] ?? '';
  const parsed = JobName.safeParse(name);
  if (!parsed.success) throw new ValidationError([{ path: 'name', message: `"${name}": ${parsed.error.issues[0]?.message}` }], { summary: 'invalid job name' });
  return name;
}

function cancelReason(body: string): string {
  if (body.trim() === '') return DEFAULT_CANCEL_REASON;
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    throw new ValidationError([{ path: '', message: 'the body must be empty or JSON {"reason": "…"}' }], { summary: 'invalid cancel request' });
  }
  const reason = (data as { reason?: unknown } | null)?.reason;
  if (reason === undefined) return DEFAULT_CANCEL_REASON;
  if (typeof reason !== 'string' || reason.length === 0 || reason.length > 500) {
    throw new ValidationError([{ path: 'reason', message: 'must be a string of 1 to 500 characters' }], { summary: 'invalid cancel request' });
  }
  return reason;
}
