import { z } from 'zod';
import {
  checkJob, checkJobYaml, JobName, toValidationIssues, ValidationError,
  type NormalizedJob, type RandomSource, type ValidationIssue,
} from '../model';

/**
 * A job submission as it arrives on the queue — `{"job": <spec object or YAML text>, "name"?: …}` —
 * or as an HTTP body, and its validation into a normalized job. The job name is the idempotency
 * key: given in the spec, in the envelope, or (neither) generated.
 */

export type SubmissionSource = 'queue' | 'http' | 'schedule';

/** The largest submission accepted (queue messages cannot exceed 64 KiB anyway). */
export const MAX_SUBMISSION_BYTES = 256 * 1024;

export const SubmissionEnvelope = z.strictObject({
  job: z.union([z.string().min(1), z.record(z.string(), z.unknown())], {
    error: 'expected the job spec as an object, or its YAML as a string',
  }),
  name: JobName.optional(),
});
export type SubmissionEnvelope = z.infer<typeof SubmissionEnvelope>;

const ENVELOPE_FORMAT = '{"job": <job spec object, or its YAML as a string>, "name"?: "<job name>"}';

/**
 * The envelope from a queue message's content: an object (the trigger has parsed the JSON) or a
 * string. ValidationError saying what was received and the accepted format otherwise.
 */
export function readEnvelope(message: unknown): SubmissionEnvelope {
  let data = message;
  if (typeof message === 'string') {
    try {
      data = JSON.parse(message);
    } catch {
      throw envelopeError('', `the message is not JSON (it starts with ${JSON.stringify(message.slice(0, 40))}); expected ${ENVELOPE_FORMAT}`);
    }
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw envelopeError('', `expected a JSON object ${ENVELOPE_FORMAT}, got ${Array.isArray(data) ? 'an array' : data === null ? 'null' : typeof data}`);
  }
  if (!('job' in data)) {
    const bare = 'command' in data || 'type' in data;
    throw envelopeError('job', bare ? `missing; the message looks like a bare job spec — wrap it: ${ENVELOPE_FORMAT}` : `missing; expected ${ENVELOPE_FORMAT}`);
  }
  const parsed = SubmissionEnvelope.safeParse(data);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue): ValidationIssue => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') return { path, message: `unknown field(s) ${issue.keys.join(', ')}; expected ${ENVELOPE_FORMAT}` };
    return { path, message: issue.message };
  });
  throw new ValidationError(issues, { summary: 'invalid submission' });
}

export interface NormalizeSubmissionOptions {
  readonly random: RandomSource;
  /** Names the YAML text in error positions, e.g. `message` or `request body`. */
  readonly sourceName: string;
}

/** Validates and normalizes the job; ValidationError listing every problem (with line:col for YAML). */
export function normalizeSubmission(envelope: SubmissionEnvelope, options: NormalizeSubmissionOptions): NormalizedJob {
  let nameGenerated = false;
  const random: RandomSource = () => {
    nameGenerated = true; // the model draws random numbers only to generate a missing name
    return options.random();
  };
  const result = typeof envelope.job === 'string'
    ? checkJobYaml(envelope.job, options.sourceName, { random })
    : toChecked(checkJob(envelope.job, { random }));
  if (!result.ok) throw new ValidationError(result.issues, { summary: 'invalid job' });
  const job = result.job;
  if (envelope.name === undefined || envelope.name === job.name) return job;
  if (!nameGenerated) {
    throw envelopeError('name', `"${envelope.name}" differs from the job's own name "${job.name}"; give the name once, or the same in both places`);
  }
  return { ...job, name: envelope.name };
}

function toChecked(check: ReturnType<typeof checkJob>): { ok: true; job: NormalizedJob } | { ok: false; issues: ValidationIssue[] } {
  return check.ok ? check : { ok: false, issues: toValidationIssues(check.issues) };
}

function envelopeError(path: string, message: string): ValidationError {
  return new ValidationError([{ path, message }], { summary: 'invalid submission' });
}
