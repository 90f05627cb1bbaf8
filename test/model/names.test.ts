import { describe, it, expect } from 'vitest';
import { generateJobName, JobName, PortName } from '../../src/model/names';

/** A small deterministic PRNG (mulberry32) for reproducible names. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('generateJobName', () => {
  it('makes Azure ML style names: adjective_noun_ and ten lowercase letters or digits', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const name = generateJobName(seeded(seed));
      expect(name).toMatch(/^[a-z]+_[a-z]+_[a-z0-9]{10}$/);
      expect(JobName.safeParse(name).success).toBe(true);
    }
  });

  it('is a pure function of the random source', () => {
    expect(generateJobName(seeded(42))).toBe(generateJobName(seeded(42)));
    expect(generateJobName(seeded(42))).not.toBe(generateJobName(seeded(43)));
  });

  it('uses the whole range of the random source without running off the word lists', () => {
    expect(generateJobName(() => 0)).toBe('amiable_apple_aaaaaaaaaa');
    expect(generateJobName(() => 0.9999999)).toBe('zen_yacht_9999999999');
  });

  it('rejects a random source that leaves [0, 1)', () => {
    expect(() => generateJobName(() => 1)).toThrow('random source returned 1; expected a number in [0, 1)');
    expect(() => generateJobName(() => Number.NaN)).toThrow(RangeError);
  });
});

describe('name schemas', () => {
  it('accepts job names of letters, digits, "_" and "-" that start with a letter or digit', () => {
    for (const name of ['hello', 'hello-world_01', '7up', 'a'.repeat(255)]) expect(JobName.safeParse(name).success, name).toBe(true);
    for (const name of ['', '-x', '_x', 'a b', 'a/b', 'a.b', 'a'.repeat(256)]) expect(JobName.safeParse(name).success, name).toBe(false);
  });

  it('accepts input and output names that are identifiers', () => {
    for (const name of ['data', '_x', 'job_output_file', 'A1']) expect(PortName.safeParse(name).success, name).toBe(true);
    for (const name of ['1x', 'my-data', 'a.b', '']) expect(PortName.safeParse(name).success, name).toBe(false);
  });
});
