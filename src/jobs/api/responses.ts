import { ConflictError, NotFoundError, ValidationError, type ValidationIssue } from '../../model';

/**
 * Answers of the jobs API, shaped like the Functions `HttpResponseInit`. Errors are
 * `{ "error": { "code", "message", "details"? } }` with a status per error class.
 */

export interface ApiResponse {
  readonly status: number;
  readonly jsonBody?: unknown;
  readonly body?: string;
  readonly headers?: Record<string, string>;
}

export interface ApiErrorBody {
  error: { code: string; message: string; details?: ValidationIssue[]; rejection_id?: string };
}

/** The body was larger than the API accepts. */
export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';
}

export function json(status: number, body: unknown, headers?: Record<string, string>): ApiResponse {
  return { status, jsonBody: body, ...(headers && { headers }) };
}

export function apiError(status: number, code: string, message: string, extra: Omit<ApiErrorBody['error'], 'code' | 'message'> = {}): ApiResponse {
  return json(status, { error: { code, message, ...extra } } satisfies ApiErrorBody);
}

/** The answer for an error thrown by a handler; undefined for unexpected errors (the caller logs them and answers 500). */
export function knownErrorResponse(err: unknown): ApiResponse | undefined {
  if (err instanceof ValidationError) return apiError(400, 'ValidationError', firstLine(err.message), { details: [...err.issues] });
  if (err instanceof NotFoundError) return apiError(404, 'NotFound', err.message);
  if (err instanceof ConflictError) return apiError(409, 'Conflict', err.message);
  if (err instanceof PayloadTooLargeError) return apiError(413, 'PayloadTooLarge', err.message);
  return undefined;
}

export function internalError(invocationId: string): ApiResponse {
  return apiError(500, 'InternalError', `the request failed on the server; the function logs have the details (invocation ${invocationId})`);
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/:$/, '');
}
