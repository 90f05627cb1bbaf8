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
