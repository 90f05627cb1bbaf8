import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { internalError, knownErrorResponse, type ApiResponse } from './responses';

/**
 * Wraps an API handler for `app.http`: errors of known classes become their JSON answers (400,
 * 404, 409, 413); anything else is logged with the invocation id and answered 500 without details.
 */
export function withErrors(handler: (request: HttpRequest, context: InvocationContext) => Promise<ApiResponse>) {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    try {
      return await handler(request, context);
    } catch (err) {
      const known = knownErrorResponse(err);
      if (known) return known;
      context.error(`${request.method} ${new URL(request.url).pathname} failed:`, err instanceof Error ? (err.stack ?? err.message) : String(err));
      return internalError(context.invocationId);
    }
  };
}
