import { JobName, ValidationError } from '../model';
import { didYouMean } from '../model/suggest';

/**
 * What the job API handlers in src/api read of a request (the Functions `HttpRequest` has it).
 * Query values are read from the URL itself: the Functions query map joins a repeated parameter
 * into one comma-separated value, which would merge `tag=a=1&tag=b=2`.
 */
export interface ApiHttpRequest {
  readonly url: string;
  readonly params: Readonly<Record<string, string | undefined>>;
  readonly headers: { get(name: string): string | null };
}

/** Query parameters every endpoint accepts: `code` carries the function key. */
const ALWAYS_ALLOWED = ['code'];

/** The request's query, after refusing parameters the endpoint does not know (with a did-you-mean). */
export function queryOf(request: ApiHttpRequest, known: readonly string[]): URLSearchParams {
  const query = new URL(request.url).searchParams;
  const unknown = [...new Set(query.keys())].filter((key) => !known.includes(key) && !ALWAYS_ALLOWED.includes(key));
  if (unknown.length > 0) {
    const accepted = known.length === 0 ? 'this endpoint takes no query parameters' : `accepted: ${known.join(', ')}`;
    throw invalidRequest(unknown.map((key) => ({ path: key, message: `unknown query parameter "${key}"${didYouMean(key, known)}; ${accepted}` })));
  }
  return query;
}

/** The `{name}` route value, checked like job names are. */
export function jobNameParam(request: ApiHttpRequest): string {
  const name = request.params['name'] ?? '';
  const parsed = JobName.safeParse(name);
  if (!parsed.success) throw invalidRequest([{ path: 'name', message: `"${name}": ${parsed.error.issues[0]?.message}` }], 'invalid job name');
  return name;
}

/** A single-valued query parameter; given twice is a ValidationError. */
export function single(query: URLSearchParams, key: string): string | undefined {
  const values = query.getAll(key);
  if (values.length > 1) throw invalidRequest([{ path: key, message: `given ${values.length} times; give it once` }]);
  return values[0];
}

/** An integer query parameter within [min, max]. */
export function integerParam(query: URLSearchParams, key: string, min: number, max: number): number | undefined {
  const text = single(query, key);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw invalidRequest([{ path: key, message: `expected an integer from ${min} to ${max}, got "${text}"` }]);
  }
  return value;
}

export function invalidRequest(issues: ReadonlyArray<{ path: string; message: string }>, summary = 'invalid request'): ValidationError {
  return new ValidationError(issues, { summary });
}
