import type { RetryOptionsWire } from './actions';

/**
 * Delay before the next attempt, as the Durable Task Framework's RetryInterceptor computes it:
 * `first × coefficient^(failedAttempts − 1)`, capped at `maxRetryIntervalInMilliseconds`.
 * Like the framework, a retry timer is created after every failure — also the last one, which is
 * when durable-functions fails the task.
 */
export function retryDelayMs(options: RetryOptionsWire, failedAttempts: number): number {
  const coefficient = options.backoffCoefficient && options.backoffCoefficient > 0 ? options.backoffCoefficient : 1;
  const delay = options.firstRetryIntervalInMilliseconds * coefficient ** Math.max(0, failedAttempts - 1);
  const cap = options.maxRetryIntervalInMilliseconds;
  return cap && cap > 0 ? Math.min(delay, cap) : delay;
}

/** Parses a .NET TimeSpan string such as "3.00:00:00" or "00:05:00" into milliseconds. */
export function timeSpanToMs(span: string): number {
  const match = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/.exec(span.trim());
  if (!match) throw new Error(`Invalid TimeSpan "${span}": expected [d.]hh:mm:ss[.fffffff]`);
  const [, sign, days, hours, minutes, seconds, fraction] = match;
  const ms = ((Number(days ?? 0) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000
    + Number(seconds) * 1000 + (fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0);
  return sign ? -ms : ms;
}
