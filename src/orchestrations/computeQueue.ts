import type { PreparedRun } from '../activities/contracts';
import { EVENTS } from '../activities/names';
import type { JobFlow, Step } from './jobFlow';
import { queuePollDelayMs } from './pollSchedule';

/**
 * Queued: waits for a slot of the job's compute (at most `concurrencyLimit` jobs run there at
 * once). A job that releases its slot wakes the next in line (`slotFreed`); without a wake-up the
 * job asks the slots entity again after 1 s, 2 s, … up to QUEUE_MAX_POLL_MS. Canceling leaves the
 * queue.
 */
export function* waitForSlot(flow: JobFlow, run: PreparedRun): Step<{ granted: true } | { granted: false; cancelReason: string | undefined }> {
  for (let attempt = 0; ; attempt++) {
    const { granted } = yield* flow.acquireSlot(run.compute, run.concurrencyLimit);
    if (granted) {
      flow.slotHeld = true;
      return { granted: true };
    }
    const slept = yield* flow.sleepUntilWoken(new Date(flow.now.getTime() + queuePollDelayMs(attempt)), EVENTS.slotFreed);
    if (typeof slept === 'object') {
      yield* flow.releaseSlot(run); // leaves the queue
      return { granted: false, cancelReason: slept.canceled };
    }
  }
}
