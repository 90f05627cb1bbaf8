import type { PreparedRun } from '../activities/contracts';
import type { JobFlow, Step } from './jobFlow';
import { pollDelayMs } from './pollSchedule';

/**
 * Queued: waits for a slot of the job's compute (at most `concurrencyLimit` jobs run there at
 * once), asking the slots entity again after 1 s, 2 s, … up to 10 s, unless the job is canceled.
 */
export function* waitForSlot(flow: JobFlow, run: PreparedRun): Step<{ granted: true } | { granted: false; cancelReason: string | undefined }> {
  for (let attempt = 0; ; attempt++) {
    const { granted } = yield* flow.acquireSlot(run.compute, run.concurrencyLimit);
    if (granted) {
      flow.slotHeld = true;
      return { granted: true };
    }
    const slept = yield* flow.sleepUnlessCanceled(new Date(flow.now.getTime() + pollDelayMs(attempt)));
    if (slept.canceled) {
      yield* flow.releaseSlot(run.compute); // leaves the queue
      return { granted: false, cancelReason: slept.reason };
    }
  }
}
