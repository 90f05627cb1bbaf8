import { CLIENT_ACTIVITIES, EVENTS } from '../activities/names';
import type { JobFlow, SlotRequest, Step } from './jobFlow';
import { queuePollDelayMs } from './pollSchedule';

/**
 * Queued: waits for a slot of the job's compute (at most `concurrencyLimit` jobs run there at
 * once). A job that releases its slot wakes the next in line (`slotFreed`); without a wake-up the
 * job asks the slots entity again after 1 s, 2 s, … up to QUEUE_MAX_POLL_MS. When the entity asks
 * it to check on the holders (see computeSlots.ts), it gives back the slots of holders whose job
 * ended without releasing them, and asks again at once. Canceling leaves the queue.
 */
export function* waitForSlot(flow: JobFlow, run: SlotRequest): Step<{ granted: true } | { granted: false; cancelReason: string | undefined }> {
  for (let attempt = 0; ; attempt++) {
    const { granted, checkHolders } = yield* flow.acquireSlot(run.compute, run.concurrencyLimit);
    if (granted) {
      flow.slotHeld = true;
      return { granted: true };
    }
    if (checkHolders !== undefined && checkHolders.length > 0 && (yield* releaseEndedHolders(flow, run, checkHolders)) > 0) continue;
    const slept = yield* flow.sleepUntilWoken(new Date(flow.now.getTime() + queuePollDelayMs(attempt)), EVENTS.slotFreed);
    if (typeof slept === 'object') {
      yield* flow.releaseSlot(run); // leaves the queue
      return { granted: false, cancelReason: slept.canceled };
    }
  }
}

/** Releases the slots of `holders` whose job has ended; how many. A check that fails is skipped: the next waiter checks again. */
function* releaseEndedHolders(flow: JobFlow, run: SlotRequest, holders: string[]): Step<number> {
  try {
    const { ended } = yield* flow.activity(CLIENT_ACTIVITIES.findEndedHolders, { jobs: holders });
    for (const holder of ended) yield* flow.releaseSlot(run, holder);
    return ended.length;
  } catch {
    return 0;
  }
}
