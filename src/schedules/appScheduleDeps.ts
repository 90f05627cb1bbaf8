import type { AppDeps } from '../composition/appDeps';
import type { JobRunner } from '../jobs/submit';
import type { ScheduleDeps } from './deps';

/** Thrown when the app was composed without a schedule store (a test app, an embedder's wiring). */
export class SchedulesUnavailableError extends Error {
  override readonly name = 'SchedulesUnavailableError';
}

/** The schedule deps of the app, with the orchestration starter of the current invocation. */
export function scheduleDepsOf(deps: AppDeps, runner: JobRunner): ScheduleDeps {
  if (deps.schedules === undefined) throw new SchedulesUnavailableError('this app was composed without a schedule store; schedules are not available');
  return { schedules: deps.schedules, submit: deps.submitDeps(runner) };
}
