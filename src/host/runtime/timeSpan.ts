/**
 * .NET TimeSpan strings as host.json and timer schedules write them: `hh:mm:ss`, `hh:mm`,
 * `d.hh:mm:ss`, with optional fractional seconds (`00:00:00.250`).
 */
const TIME_SPAN = /^(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?$/;

export function isTimeSpan(text: string): boolean {
  return TIME_SPAN.test(text.trim());
}

/** Milliseconds in a TimeSpan string; `where` names the setting for the error message. */
export function parseTimeSpan(text: string, where: string): number {
  const match = TIME_SPAN.exec(text.trim());
  if (!match) {
    throw new Error(`${where}: "${text}" is not a TimeSpan; expected hh:mm:ss or d.hh:mm:ss (e.g. "00:00:30").`);
  }
  const [, days = '0', hours = '0', minutes = '0', seconds = '0', fraction = ''] = match;
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) {
    throw new Error(`${where}: "${text}" has an hour above 23 or a minute/second above 59.`);
  }
  const fractionMs = fraction === '' ? 0 : Number(`0.${fraction}`) * 1000;
  return ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 + Number(seconds) * 1000 + Math.round(fractionMs);
}

/** Reads an optional TimeSpan setting, with a default and a lower bound. */
export function timeSpanSetting(value: unknown, where: string, fallbackMs: number, minMs = 0): number {
  if (value === undefined || value === null) return fallbackMs;
  if (typeof value !== 'string') throw new Error(`${where}: expected a TimeSpan string such as "00:00:30", got ${typeof value}.`);
  const ms = parseTimeSpan(value, where);
  if (ms < minMs) throw new Error(`${where}: "${value}" is below the minimum of ${minMs} ms.`);
  return ms;
}
