import type { ValidationIssue } from '../../model/errors';

/**
 * What can go wrong talking to the job API, one class per case, each with a message meant for the
 * person at the terminal. None of them ever holds the function key.
 */

/** Nothing answers at the URL (connection refused, unknown host, timeout …). */
export class HostUnreachableError extends Error {
  override readonly name = 'HostUnreachableError';

  constructor(readonly url: string, reason: string | undefined, options?: { cause?: unknown }) {
    super(reason === 'ECONNREFUSED'
      ? `no durable-jobs host at ${url} — start one with \`npm start\` (or pass --url / set DURABLE_JOBS_URL)`
      : `cannot reach ${url}${reason ? ` (${reason})` : ''} — is the durable-jobs host running there? (--url / DURABLE_JOBS_URL)`, options);
  }
}

/** 401: no key, or a key the host does not accept. */
export class UnauthorizedError extends Error {
  override readonly name = 'UnauthorizedError';

  constructor(readonly url: string, keyGiven: boolean) {
    super(keyGiven
      ? `the host at ${url} refused the key in DURABLE_JOBS_KEY — set DURABLE_JOBS_KEY to a function key, host key or master key of this app`
      : `the host at ${url} requires a function key — set DURABLE_JOBS_KEY`);
  }
}

/** The job does not exist. */
export class JobNotFoundError extends Error {
  override readonly name = 'JobNotFoundError';

  constructor(readonly job: string) {
    super(`no job named ${job}`);
  }
}

/** Any other answer that is not a success: the server's code and message, and its details. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly ValidationIssue[] = [],
  ) {
    super(message);
  }
}
