import type { ActivityDeps } from './deps';
import { cleanUp, finalize } from './finalize';
import { ACTIVITIES, type ActivityName } from './names';
import { prepare } from './prepare';
import { cancelRun, pollRun, startRun } from './runActivities';
import { setStatus } from './setStatus';

export type Activity = (input: unknown) => Promise<unknown>;

/** The job activities, by name, bound to their dependencies; `functions/` registers each. */
export function createActivities(deps: ActivityDeps): Record<ActivityName, Activity> {
  return {
    [ACTIVITIES.setStatus]: (input) => setStatus(deps, input),
    [ACTIVITIES.prepare]: (input) => prepare(deps, input),
    [ACTIVITIES.startRun]: (input) => startRun(deps, input),
    [ACTIVITIES.pollRun]: (input) => pollRun(deps, input),
    [ACTIVITIES.cancelRun]: (input) => cancelRun(deps, input),
    [ACTIVITIES.finalize]: (input) => finalize(deps, input),
    [ACTIVITIES.cleanUp]: (input) => cleanUp(deps, input),
  };
}
