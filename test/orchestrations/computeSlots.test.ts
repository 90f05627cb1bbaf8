import { describe, expect, it } from 'vitest';
import {
  acquireSlot, emptySlots, HOLDER_CHECK_AGE_MS, HOLDER_CHECK_INTERVAL_MS, releaseSlot, WAITER_EXPIRY_MS, type SlotsState,
} from '../../src/orchestrations/computeSlots';

const t0 = Date.UTC(2026, 0, 1);
const at = (ms: number) => new Date(t0 + ms).toISOString();

function acquire(state: SlotsState, job: string, limit: number, ms = 0) {
  return acquireSlot(state, { job, limit, now: at(ms) });
}

describe('compute slots', () => {
  it('grants up to the limit, then queues jobs in arrival order', () => {
    let state = emptySlots();
    const results: Array<[string, boolean, number]> = [];
    for (const job of ['a', 'b', 'c', 'd']) {
      const step = acquire(state, job, 2);
      state = step.state;
      results.push([job, step.result.granted, step.result.position]);
    }
    expect(results).toEqual([['a', true, 0], ['b', true, 0], ['c', false, 0], ['d', false, 1]]);
  });

  it('gives a freed slot to the first waiter, not to whoever asks first', () => {
    let state = acquire(emptySlots(), 'a', 1).state;
    state = acquire(state, 'b', 1).state;
    state = acquire(state, 'c', 1).state;
    const released = releaseSlot(state, 'a', 1);
    expect(released.wake).toEqual(['b']);
    state = released.state;
    const c = acquire(state, 'c', 1);
    expect(c.result).toEqual({ granted: false, position: 1 });
    const b = acquire(c.state, 'b', 1);
    expect(b.result).toEqual({ granted: true, position: 0 });
  });

  it('answers a holder that asks again with its slot', () => {
    const state = acquire(emptySlots(), 'a', 1).state;
    expect(acquire(state, 'a', 1).result.granted).toBe(true);
    expect(Object.keys(acquire(state, 'a', 1).state.holders)).toEqual(['a']);
  });

  it('drops waiters that stopped asking, so a dead orchestration cannot block the queue', () => {
    let state = acquire(emptySlots(), 'a', 1).state;
    state = acquire(state, 'dead', 1, 1_000).state;
    state = acquire(state, 'alive', 1, 2_000).state;
    state = releaseSlot(state, 'a', 1).state;
    expect(acquire(state, 'alive', 1, 1_000 + WAITER_EXPIRY_MS).result).toEqual({ granted: false, position: 1 });
    expect(acquire(state, 'alive', 1, 1_001 + WAITER_EXPIRY_MS).result).toEqual({ granted: true, position: 0 });
  });

  it('names as many waiters to wake as there are free slots, first come first', () => {
    let state = emptySlots();
    for (const job of ['a', 'b', 'c', 'd', 'e']) state = acquire(state, job, 2).state;
    expect(releaseSlot(state, 'a', 2).wake).toEqual(['c']);
    expect(releaseSlot(state, 'a', 4).wake).toEqual(['c', 'd', 'e']);
  });

  it('takes a lower limit into account for jobs asking afterwards', () => {
    let state = acquire(emptySlots(), 'a', 3).state;
    state = acquire(state, 'b', 3).state;
    expect(acquire(state, 'c', 2).result.granted).toBe(false);
  });

  it('releases waiters and unknown jobs without harm', () => {
    let state = acquire(emptySlots(), 'a', 1).state;
    state = acquire(state, 'b', 1).state;
    expect(releaseSlot(state, 'b', 1)).toEqual({ state: { holders: state.holders, waiting: [] }, wake: [] });
    expect(releaseSlot(state, 'nobody', 1)).toEqual({ state, wake: [] });
  });

  it('asks a waiter to check on holders that have kept their slot for a minute, and no other waiter within the next minute', () => {
    let state = acquire(emptySlots(), 'a', 1).state;
    expect(acquire(state, 'b', 1, HOLDER_CHECK_AGE_MS - 1).result).toEqual({ granted: false, position: 0 });
    const due = acquire(state, 'b', 1, HOLDER_CHECK_AGE_MS);
    expect(due.result).toEqual({ granted: false, position: 0, checkHolders: ['a'] });
    state = due.state;
    expect(acquire(state, 'c', 1, HOLDER_CHECK_AGE_MS + HOLDER_CHECK_INTERVAL_MS - 1).result.checkHolders).toBeUndefined();
    expect(acquire(state, 'c', 1, HOLDER_CHECK_AGE_MS + HOLDER_CHECK_INTERVAL_MS).result.checkHolders).toEqual(['a']);
  });

  it('names only the holders old enough to check on, and none to a job that gets a slot', () => {
    let state = acquire(emptySlots(), 'old', 2).state;
    state = acquire(state, 'young', 2, HOLDER_CHECK_AGE_MS).state;
    expect(acquire(state, 'waiter', 2, HOLDER_CHECK_AGE_MS).result.checkHolders).toEqual(['old']);
    const released = releaseSlot(state, 'old', 2).state;
    expect(acquire(released, 'waiter', 2, HOLDER_CHECK_AGE_MS).result).toEqual({ granted: true, position: 0 });
  });

  it('lets a waiter give back the slot of a holder that ended, and then grants it the slot', () => {
    let state = acquire(emptySlots(), 'dead', 1).state;
    state = acquire(state, 'next', 1, HOLDER_CHECK_AGE_MS).state;
    const released = releaseSlot(state, 'dead', 1);
    expect(released.wake).toEqual(['next']);
    expect(acquire(released.state, 'next', 1, HOLDER_CHECK_AGE_MS + 1).result).toEqual({ granted: true, position: 0 });
  });
});
