import type { ActivityDeps } from './deps';
import { cleanUp, finalize } from './finalize';
import { finish } from './finish';
import { ACTIVITIES, type ActivityName } from './names';
import { prepareAndQueue } from './prepareAndQueue';
import { cancelRun, pollRun, startRun } from './runActivities';
import { setStatus } from './setStatus';

/** `runExited`: only `JobStartRun` uses it (see runExited.ts); the others ignore it. */
export type Activity = (input: unknown, runExited?: (job: string) => void) => Promise<unknown>;

/** The job activities, by name, bound to their dependencies; `functions/` registers each. */
export function createActivities(deps: ActivityDeps): Record<ActivityName, Activity> {
  return {
    [ACTIVITIES.setStatus]: (input) => setStatus(deps, input),
    [ACTIVITIES.prepare]: (input) => prepareAndQueue(deps, input),
    [ACTIVITIES.startRun]: (input, runExited) => startRun(deps, input, runExited),
    [ACTIVITIES.pollRun]: (input) => pollRun(deps, input),
    [ACTIVITIES.cancelRun]: (input) => cancelRun(deps, input),
    [ACTIVITIES.finalize]: (input) => finalize(deps, input),
    [ACTIVITIES.finish]: (input) => finish(deps, input),
    [ACTIVITIES.cleanUp]: (input) => cleanUp(deps, input),
  };
}
