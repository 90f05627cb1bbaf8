import { z } from 'zod';
import { NonRetryableError, ValidationError } from '../../model/errors';
import { formatPath } from '../../model/specIssues';
import type { RejectedSubmission } from '../../ports';

/**
 * Rejected submissions as stored: the port's RejectedSubmission, checked on the way in and parsed
 * on the way out. The body is cut to MAX_REJECTED_BODY characters, so that one oversized message
 * cannot make the record itself fail (a document is limited to 2 MB in Cosmos DB).
 */

export const MAX_REJECTED_BODY = 64 * 1024;

export /** A Cosmos id: no "/", "\", "?" or "#". */
const RejectedId = z.string().regex(/^[^/\\?#]{1,255}$/, { error: 'expected 1-255 characters other than "/", "\\", "?" and "#"' });

export const StoredRejectedSubmission = z.object({
  id: RejectedId,
  name: z.string().optional(),
  receivedAt: z.iso.datetime({ offset: true }),
  source: z.enum(['queue', 'http', 'schedule']),
  body: z.string(),
  errors: z.array(
    z.object({ path: z.string(), message: z.string(), line: z.int().optional(), col: z.int().optional() }),
  ),
}) satisfies z.ZodType<RejectedSubmission>;

/** The submission to store (body truncated); ValidationError naming the bad fields otherwise. */
export function checkRejected(submission: RejectedSubmission): RejectedSubmission {
  const result = StoredRejectedSubmission.safeParse(submission);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
    throw new ValidationError(issues, { summary: 'invalid rejected submission' });
  }
  const { body } = result.data;
  if (body.length <= MAX_REJECTED_BODY) return result.data;
  return { ...result.data, body: `${body.slice(0, MAX_REJECTED_BODY)}\n… [truncated: ${body.length - MAX_REJECTED_BODY} more characters]` };
}

export function checkRejectedId(id: string): void {
  const result = RejectedId.safeParse(id);
  if (!result.success) throw new ValidationError([{ path: 'id', message: `${JSON.stringify(id)}: ${result.error.issues[0]?.message}` }], { summary: 'invalid rejected submission id' });
}

export function parseStoredRejected(document: unknown, id: string, where: string): RejectedSubmission {
  const result = StoredRejectedSubmission.safeParse(document);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `  ${formatPath(issue.path) || '(document)'}: ${issue.message}`);
  throw new NonRetryableError(`rejected submission "${id}": the stored document in ${where} is malformed:\n${issues.join('\n')}`, { cause: result.error });
}
