import { ConflictError, ValidationError, type ValidationIssue } from '../model';
import type { RejectedSubmission } from '../ports';
import { redactData } from './redact';
import type { SubmissionSource } from './submission';

/**
 * A refused submission — invalid, or a different spec under a taken name — as recorded in the job
 * store (queryable by id) and as parked on `<queue>-poison`. Secret values are replaced by `***`
 * in both.
 */

export type RejectionError = ValidationError | ConflictError;

export function isRejection(err: unknown): err is RejectionError {
  return err instanceof ValidationError || err instanceof ConflictError;
}

export function rejectionIssues(err: RejectionError): ValidationIssue[] {
  return err instanceof ValidationError ? [...err.issues] : [{ path: 'name', message: err.message }];
}

export interface RejectionContext {
  /** Stable across redeliveries of the same message, e.g. `queue-<message id>`. */
  readonly id: string;
  readonly source: SubmissionSource;
  readonly receivedAt: Date;
  /** The submission as received: parsed JSON, or text. */
  readonly original: unknown;
  /** The job name, when the submission had a readable one. */
  readonly name?: string | undefined;
}

export function rejectedSubmission(err: RejectionError, context: RejectionContext): RejectedSubmission {
  const redacted = redactData(context.original);
  return {
    id: context.id,
    ...(context.name !== undefined && { name: context.name }),
    receivedAt: context.receivedAt.toISOString(),
    source: context.source,
    body: typeof redacted === 'string' ? redacted : JSON.stringify(redacted, null, 2),
    errors: rejectionIssues(err).map(({ path, message, line, col }) => ({
      path, message, ...(line !== undefined && { line }), ...(col !== undefined && { col }),
    })),
  };
}

/** The poison message: why, where to read more, and the original (redacted). */
export interface PoisonMessage {
  error: { code: string; message: string; details: RejectedSubmission['errors'] };
  rejectionId: string;
  rejectedAt: string;
  source: { queue: string; messageId?: string; dequeueCount?: number };
  original: unknown;
  /** Set when `original` was cut to keep the message under the queue's 64 KiB limit. */
  originalTruncated?: true;
}

/** Base64 makes 48 KiB of JSON the 64 KiB a queue message may hold; leave room for the envelope. */
export const MAX_POISON_JSON_BYTES = 46 * 1024;
const MAX_DETAILS = 100;

export function poisonMessage(
  err: RejectionError,
  rejection: RejectedSubmission,
  source: PoisonMessage['source'],
): PoisonMessage {
  const details = rejection.errors.slice(0, MAX_DETAILS);
  const message: PoisonMessage = {
    error: { code: err.name, message: summaryOf(err), details },
    rejectionId: rejection.id,
    rejectedAt: rejection.receivedAt,
    source,
    original: parseOrText(rejection.body),
  };
  if (jsonBytes(message) <= MAX_POISON_JSON_BYTES) return message;
  // JSON escapes can make the cut text longer than its bytes: cut until it fits.
  for (let room = MAX_POISON_JSON_BYTES - jsonBytes({ ...message, original: '' }); ; room = Math.floor(room * 0.8)) {
    const truncated: PoisonMessage = { ...message, original: truncateUtf8(rejection.body, Math.max(room, 0)), originalTruncated: true };
    if (jsonBytes(truncated) <= MAX_POISON_JSON_BYTES || room <= 0) return truncated;
  }
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}

function summaryOf(err: RejectionError): string {
  return err instanceof ValidationError ? err.message.split('\n')[0]!.replace(/:$/, '') : err.message;
}

function parseOrText(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text);
  if (bytes.length <= maxBytes) return text;
  return bytes.subarray(0, maxBytes).toString('utf8').replace(/\uFFFD$/, '');
}
