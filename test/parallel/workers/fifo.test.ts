import { describe, expect, it } from 'vitest';
import { Fifo } from '../../../src/parallel/workers/fifo';

describe('Fifo', () => {
  it('gives items back in the order they came, across its compaction', () => {
    const fifo = new Fifo<number>();
    const taken: number[] = [];

    for (let i = 0; i < 5000; i++) {
      fifo.push(i);
      if (i % 2 === 1) taken.push(fifo.take() as number);
    }
    const rest = fifo.drain();

    expect([...taken, ...rest]).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    expect(fifo.size).toBe(0);
    expect(fifo.take()).toBeUndefined();
  });
});
