import { ValidationError } from '../../model';
import { MAX_SUBMISSION_BYTES, readEnvelope, type SubmissionEnvelope } from '../submission';
import { PayloadTooLargeError } from './responses';

/**
 * The submission in a `POST /api/jobs` body: job YAML, a job spec as JSON, or the queue's
 * envelope `{"job": …, "name"?: …}` as JSON. `Content-Type` decides (`application/json`,
 * `application/yaml`, `text/yaml`, …); without one, a body starting with `{` is JSON. A `name`
 * query parameter names the job, like the envelope's `name`.
 */
export function envelopeFromBody(body: string, contentType: string | null | undefined, name: string | null | undefined): SubmissionEnvelope {
  const bytes = Buffer.byteLength(body);
  if (bytes > MAX_SUBMISSION_BYTES) {
    throw new PayloadTooLargeError(`the request body is ${bytes} bytes; a job submission may have at most ${MAX_SUBMISSION_BYTES} bytes (keep data in inputs, not in the spec)`);
  }
  if (body.trim() === '') throw invalid('', 'the request body is empty; send the job as YAML (Content-Type: application/yaml) or JSON (application/json)');
  const envelope = isJson(body, contentType) ? jsonEnvelope(body) : { job: body };
  if (!name) return envelope;
  if (envelope.name !== undefined && envelope.name !== name) throw invalid('name', `the query says "${name}", the body's envelope says "${envelope.name}"; give the name once`);
  return readEnvelope({ ...envelope, name });
}

function isJson(body: string, contentType: string | null | undefined): boolean {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (/[/+]json$/.test(type)) return true;
  if (/[/+-]yaml$/.test(type)) return false;
  return body.trimStart().startsWith('{');
}

function jsonEnvelope(body: string): SubmissionEnvelope {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (err) {
    throw invalid('', `the request body is not valid JSON (${(err as Error).message}); send a job spec object, or YAML with Content-Type: application/yaml`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw invalid('', 'expected a JSON object: the job spec, or {"job": …, "name"?: …}');
  return readEnvelope('job' in data ? data : { job: data });
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError([{ path, message }], { summary: 'invalid submission' });
}
