import { ValidationError } from '../../model/errors';
import { PayloadTooLargeError } from '../../jobs/api/responses';
import { MAX_SUBMISSION_BYTES } from '../../jobs/submission';
import { parseSchedule } from '../model/parseSchedule';
import { checkScheduleYaml } from '../model/scheduleYaml';
import type { NormalizedSchedule } from '../model/scheduleSpec';

/**
 * The schedule in a `PUT /api/schedules/{name}` body: YAML (problems with line:col) or JSON, by
 * `Content-Type` (without one, a body starting with `{` is JSON). The name in the body, if any,
 * must be the route's; without one the route names the schedule.
 */
export function scheduleFromBody(body: string, contentType: string | null | undefined, name: string): NormalizedSchedule {
  const bytes = Buffer.byteLength(body);
  if (bytes > MAX_SUBMISSION_BYTES) throw new PayloadTooLargeError(`the request body is ${bytes} bytes; a schedule may have at most ${MAX_SUBMISSION_BYTES}`);
  if (body.trim() === '') throw invalid('', 'the request body is empty; send the schedule as YAML (Content-Type: application/yaml) or JSON (application/json)');
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  const json = /[/+]json$/.test(type) || (!/[/+-]yaml$/.test(type) && body.trimStart().startsWith('{'));
  return json ? fromJson(body, name) : fromYaml(body, name);
}

function fromJson(body: string, name: string): NormalizedSchedule {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (err) {
    throw invalid('', `the request body is not valid JSON (${(err as Error).message}); send the schedule as a JSON object, or YAML with Content-Type: application/yaml`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw invalid('', 'expected a JSON object: the schedule');
  return parseSchedule(named(data as Record<string, unknown>, name));
}

function fromYaml(body: string, name: string): NormalizedSchedule {
  const result = checkScheduleYaml(body, 'request body', (data) => named(data, name));
  if (!result.ok) throw new ValidationError(result.issues, { summary: 'invalid schedule' });
  return result.schedule;
}

function named(data: Record<string, unknown>, name: string): Record<string, unknown> {
  if (data['name'] === undefined) return { ...data, name };
  if (data['name'] !== name) throw invalid('name', `the body says ${JSON.stringify(data['name'])}, the URL says "${name}"; give the same name, or leave it out of the body`);
  return data;
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError([{ path, message }], { summary: 'invalid schedule' });
}
