/**
 * Wall-clock time in a time zone, without a date library: a "wall" is the local date and time
 * encoded as if it were UTC epoch ms (`Date.UTC(y, m, d, h, min)`), so calendar arithmetic is plain
 * arithmetic, and `instantsOf` maps it back to the 0 (DST gap), 1 or 2 (DST overlap) instants at
 * which a clock in that zone shows it. Offsets come from Intl, i.e. the tz database of Node's ICU.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(zone, format);
  }
  return format;
}

/** The wall time (see above) a clock in `zone` shows at instant `at`, to the second. */
export function wallOf(at: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(at))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second) + (((at % 1000) + 1000) % 1000);
}

/** Local minus UTC at instant `at`, in ms (+3_600_000 for CET). */
export function offsetAt(at: number, zone: string): number {
  return wallOf(at, zone) - at;
}

/** Every instant at which `zone` shows `wall`: none in a spring-forward gap, two in a fall-back overlap; ascending. */
export function instantsOf(wall: number, zone: string): number[] {
  const offsets = new Set([offsetAt(wall - DAY, zone), offsetAt(wall, zone), offsetAt(wall + DAY, zone)]);
  const found = new Set<number>();
  for (const offset of offsets) {
    const at = wall - offset;
    if (wallOf(at, zone) === wall) found.add(at);
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * The one instant for `wall` by the rule of RFC 5545 and ECMAScript Temporal ("compatible"): the
 * earlier of two in an overlap; in a gap, the wall time shifted forward by the gap (02:30 in a
 * 02:00→03:00 gap is 03:30).
 */
export function instantOf(wall: number, zone: string): number {
  const instants = instantsOf(wall, zone);
  return instants[0] ?? wall - offsetAt(wall - DAY, zone);
}

/** `2026-03-29T02:30` → its wall time; undefined when the text is not such a date-time. Seconds are kept. */
export function parseWall(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  const wall = Date.UTC(year!, month! - 1, day!, hour, minute, second);
  const back = new Date(wall);
  const valid = back.getUTCFullYear() === year && back.getUTCMonth() === month! - 1 && back.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
  return valid ? wall : undefined;
}

/**
 * A start or end time as Azure ML schedules take it: ISO 8601 with an offset or `Z` is that
 * instant; without one, a local time in `zone`. Undefined when it is not a date-time.
 */
export function parseScheduleTime(text: string, zone: string): number | undefined {
  const trimmed = text.trim();
  if (/(?:Z|[+-]\d{2}:?\d{2})$/i.test(trimmed)) {
    const at = Date.parse(trimmed);
    return Number.isNaN(at) || parseWall(trimmed.replace(/(?:Z|[+-]\d{2}:?\d{2})$/i, '')) === undefined ? undefined : at;
  }
  const wall = parseWall(trimmed);
  return wall === undefined ? undefined : instantOf(wall, zone);
}

/** The first whole minute at or after `at`. */
export function ceilMinute(at: number): number {
  return Math.ceil(at / MINUTE) * MINUTE;
}

export function floorMinute(at: number): number {
  return Math.floor(at / MINUTE) * MINUTE;
}
