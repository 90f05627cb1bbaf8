import type { AcquireSlot, AcquireSlotResult } from '../activities/contracts';

/**
 * The per-compute job limit as a semaphore, kept by one durable entity per compute. Jobs take
 * slots in arrival order: a job is granted a slot when fewer than `limit` jobs hold one and no
 * job that asked earlier is still waiting in front of it. A release names the waiters it freed a
 * slot for, so the orchestration can wake them; waiters also ask again now and then;
 * a waiter not heard of for `WAITER_EXPIRY_MS` (its orchestration failed or was terminated) is
 * dropped so it cannot block the queue. Holders give their slot back when their run ends.
 * Pure functions of the state; the entity function only stores it.
 */

export interface SlotsState {
  /** Job → when it got its slot. */
  holders: Record<string, string>;
  /** Jobs waiting, first come first served, with when each last asked. */
  waiting: Array<{ job: string; seen: string }>;
}

/** Longer than the longest wait between two `acquire` calls of a queued job (QUEUE_MAX_POLL_MS). */
export const WAITER_EXPIRY_MS = 120_000;

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
  if (position >= free) return { state: { holders: state.holders, waiting }, result: { granted: false, position } };
  waiting.splice(position, 1);
  return { state: { holders: { ...state.holders, [request.job]: request.now }, waiting }, result: { granted: true, position: 0 } };
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
  return { state: { holders, waiting }, wake: waiting.slice(0, free).map((w) => w.job) };
}
