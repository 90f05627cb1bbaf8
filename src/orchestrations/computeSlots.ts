import type { AcquireSlot, AcquireSlotResult } from '../activities/contracts';

/**
 * The per-compute job limit as a semaphore, kept by one durable entity per compute. Jobs take
 * slots in arrival order: a job is granted a slot when fewer than `limit` jobs hold one and no
 * job that asked earlier is still waiting in front of it. A release names the waiters it freed a
 * slot for, so the orchestration can wake them; waiters also ask again now and then;
 * a waiter not heard of for `WAITER_EXPIRY_MS` (its orchestration failed or was terminated) is
 * dropped so it cannot block the queue. Holders give their slot back when their run ends; a
 * holder whose orchestration died first (terminated by hand, failed hard) cannot, so now and then
 * a waiter is asked to check on the holders (`checkHolders`, see `holdersToCheck`) and release
 * those that ended. Pure functions of the state; the entity function only stores it.
 */

export interface SlotsState {
  /** Job → when it got its slot. */
  holders: Record<string, string>;
  /** Jobs waiting, first come first served, with when each last asked. */
  waiting: Array<{ job: string; seen: string }>;
  /** When a waiter was last asked to check on the holders (absent in states from before checks existed). */
  holdersCheckedAt?: string;
}

/** Longer than the longest wait between two `acquire` calls of a queued job (QUEUE_MAX_POLL_MS). */
export const WAITER_EXPIRY_MS = 120_000;

/** A holder is checked on once it has held its slot this long while others wait… */
export const HOLDER_CHECK_AGE_MS = 60_000;
/** …and the holders are checked at most this often (one waiter does it for all). */
export const HOLDER_CHECK_INTERVAL_MS = 60_000;

export function emptySlots(): SlotsState {
  return { holders: {}, waiting: [] };
}

export function acquireSlot(state: SlotsState, request: AcquireSlot): { state: SlotsState; result: AcquireSlotResult } {
  if (state.holders[request.job] !== undefined) return { state, result: { granted: true, position: 0 } };
  const now = Date.parse(request.now);
  const waiting = state.waiting.filter((w) => w.job === request.job || now - Date.parse(w.seen) <= WAITER_EXPIRY_MS);
  const index = waiting.findIndex((w) => w.job === request.job);
  if (index < 0) waiting.push({ job: request.job, seen: request.now });
  else waiting[index] = { job: request.job, seen: request.now };
  const position = index < 0 ? waiting.length - 1 : index;
  const free = request.limit - Object.keys(state.holders).length;
  if (position >= free) {
    const checkHolders = holdersToCheck(state, now);
    if (checkHolders.length === 0) return { state: { ...state, waiting }, result: { granted: false, position } };
    return { state: { ...state, waiting, holdersCheckedAt: request.now }, result: { granted: false, position, checkHolders } };
  }
  waiting.splice(position, 1);
  return { state: { ...state, holders: { ...state.holders, [request.job]: request.now }, waiting }, result: { granted: true, position: 0 } };
}

/**
 * The holders a waiter asking at `now` should check on: those that have held their slot for
 * HOLDER_CHECK_AGE_MS, when the last check is HOLDER_CHECK_INTERVAL_MS old; none otherwise.
 */
export function holdersToCheck(state: SlotsState, now: number): string[] {
  if (state.holdersCheckedAt !== undefined && now - Date.parse(state.holdersCheckedAt) < HOLDER_CHECK_INTERVAL_MS) return [];
  return Object.entries(state.holders)
    .filter(([, since]) => now - Date.parse(since) >= HOLDER_CHECK_AGE_MS)
    .map(([job]) => job);
}

/**
 * Gives the slot back, or leaves the queue; releasing what one does not hold is a no-op. `wake`:
 * the waiters at the front that the free slots are for, so they can be told instead of waiting
 * for their next look (`limit` is the one they asked with).
 */
export function releaseSlot(state: SlotsState, job: string, limit: number): { state: SlotsState; wake: string[] } {
  const { [job]: _released, ...holders } = state.holders;
  const waiting = state.waiting.filter((w) => w.job !== job);
  const free = Math.max(0, limit - Object.keys(holders).length);
  return { state: { ...state, holders, waiting }, wake: waiting.slice(0, free).map((w) => w.job) };
}
