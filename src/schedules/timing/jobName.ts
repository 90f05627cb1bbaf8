/**
 * The name of the job a schedule submits for a tick: `<schedule>-<yyyyMMddTHHmm>Z` (the tick in
 * UTC), e.g. `nightly-scoring-20260329T0100Z`. Every host derives the same name for the same
 * tick, and job creation is idempotent on the name, so a tick fired twice — a repeated timer, two
 * hosts racing, a restart mid-tick — still makes one job. Too long for a job name (255), the
 * schedule part is cut and a hash of the whole name keeps it unique. Runs by hand
 * (`trigger`) are `<schedule>-manual-<yyyyMMddTHHmmss>Z`.
 */

const MAX_JOB_NAME = 255;

export function tickJobName(schedule: string, tick: number): string {
  return withSuffix(schedule, `-${compactUtc(tick).slice(0, 13)}Z`);
}

export function manualJobName(schedule: string, at: number): string {
  return withSuffix(schedule, `-manual-${compactUtc(at)}Z`);
}

/** `20260329T010000` for 2026-03-29T01:00:00Z. */
function compactUtc(at: number): string {
  return new Date(at).toISOString().slice(0, 19).replace(/[-:]/g, '');
}

function withSuffix(schedule: string, suffix: string): string {
  if (schedule.length + suffix.length <= MAX_JOB_NAME) return `${schedule}${suffix}`;
  const hash = `-${fnv1a(schedule)}`;
  return `${schedule.slice(0, MAX_JOB_NAME - suffix.length - hash.length)}${hash}${suffix}`;
}

/** 32-bit FNV-1a as 8 hex digits: stable across hosts and versions. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
