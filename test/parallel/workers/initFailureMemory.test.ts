import { describe, expect, it } from 'vitest';
import { InitFailureMemory } from '../../../src/parallel/workers/initFailureMemory';

describe('InitFailureMemory', () => {
  it('holds an init() failure for the cool-down, saying when and where it happened', () => {
    let now = 1_000;
    const memory = new InitFailureMemory(30_000, () => now);

    memory.remember(1, 'init() failed: ModuleNotFoundError: No module named torch');
    now += 12_000;
    const held = memory.held();
    now += 18_000;

    expect(held).toEqual({ worker: 1, error: 'init() failed in worker 1 12 s ago, so no new worker is started yet: init() failed: ModuleNotFoundError: No module named torch' });
    expect(memory.held()).toBeUndefined();
  });

  it('forgets the failure once a worker has started', () => {
    const memory = new InitFailureMemory(30_000, () => 0);

    memory.remember(0, 'init() failed');
    memory.forget();

    expect(memory.held()).toBeUndefined();
  });
});
