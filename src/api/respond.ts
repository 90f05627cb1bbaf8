import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { internalError, knownErrorResponse } from '../jobs/api/responses';

/**
 * Answers of the job API endpoints in src/api: like the jobs API's ApiResponse, but a body may
 * also be bytes or a stream (logs, output files).
 */
export interface ApiAnswer {
  readonly status: number;
  readonly jsonBody?: unknown;
  readonly body?: string | Uint8Array | AsyncIterable<Uint8Array> | NodeJS.ReadableStream;
  readonly headers?: Record<string, string>;
}

/**
 * Wraps a handler for `app.http`, mapping errors as the jobs API does (src/jobs/api/withErrors):
 * known classes become their JSON answers (400, 404, 409, 413), anything else is logged with the
 * invocation id and answered 500 without details.
 */
export function withApiErrors(handler: (request: HttpRequest, context: InvocationContext) => Promise<ApiAnswer>) {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    try {
      return (await handler(request, context)) as HttpResponseInit;
    } catch (err) {
      const known = knownErrorResponse(err);
      if (known) return known as HttpResponseInit;
      context.error(`${request.method} ${new URL(request.url).pathname} failed:`, err instanceof Error ? (err.stack ?? err.message) : String(err));
      return internalError(context.invocationId) as HttpResponseInit;
    }
  };
}
