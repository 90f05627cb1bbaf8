import { createHash } from 'node:crypto';
import { ValidationError } from '../../model/errors';
import type { JobQuery } from '../../ports';
import { canonicalJson } from './jobStoreRules';

/**
 * Page sizes and continuation tokens for `JobStore.list`. A token is opaque to callers: it wraps
 * the adapter's own position (a Cosmos continuation, or the fake's last key) together with a
 * fingerprint of the filters it was issued for, so a token replayed with other filters, or a
 * mangled one, is a clear ValidationError rather than a silently wrong page.
 */

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export type JobFilters = Omit<JobQuery, 'top' | 'continuationToken'>;

export function pageSize(top: number | undefined): number {
  if (top === undefined) return DEFAULT_PAGE_SIZE;
  if (Number.isInteger(top) && top >= 1 && top <= MAX_PAGE_SIZE) return top;
  throw new ValidationError([{ path: 'top', message: `expected an integer from 1 to ${MAX_PAGE_SIZE}, got ${String(top)}` }], { summary: 'invalid job query' });
}

/** Just the filters, in a canonical form (status order does not matter; empty lists and maps mean no filter). */
export function filtersOf(query: JobQuery): JobFilters {
  return {
    ...(query.status !== undefined && query.status.length > 0 && { status: [...new Set(query.status)].sort() }),
    ...(query.type !== undefined && { type: query.type }),
    ...(query.experimentName !== undefined && { experimentName: query.experimentName }),
    ...(query.tags !== undefined && Object.keys(query.tags).length > 0 && { tags: query.tags }),
  };
}

export function encodePageToken(filters: JobFilters, position: string): string {
  return Buffer.from(JSON.stringify({ f: fingerprint(filters), p: position })).toString('base64url');
}

/** The adapter's position from a token issued by `encodePageToken` for the same filters. */
export function decodePageToken(filters: JobFilters, token: string): string {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const { f, p } = (decoded ?? {}) as { f?: unknown; p?: unknown };
  if (typeof f !== 'string' || typeof p !== 'string') throw tokenError('is not a token this service issued; pass back the continuationToken of the previous page unchanged');
  if (f !== fingerprint(filters)) throw tokenError('was issued for other filters; repeat the query with the same status, type, experiment and tags, or start again without a token');
  return p;
}

function fingerprint(filters: JobFilters): string {
  return createHash('sha256').update(canonicalJson(filters)).digest('base64url').slice(0, 16);
}

function tokenError(problem: string): ValidationError {
  return new ValidationError([{ path: 'continuationToken', message: problem }], { summary: 'invalid job query' });
}
