import { describe, expect, it } from 'vitest';
import { jsonProblem } from '../../../src/parallel/workers/jsonProblem';

describe('jsonProblem', () => {
  it('finds nothing wrong with JSON values, dates and undefined', () => {
    expect(jsonProblem(['a', 1, true, null, undefined, { nested: [{ at: new Date(0) }] }], 'results')).toBeUndefined();
  });

  it('names the place and the kind of what JSON cannot carry', () => {
    expect(jsonProblem([{ score: Number.NaN }], 'results')).toBe('results[0].score is NaN, which JSON cannot carry');
    expect(jsonProblem([{ 'odd key': () => 1 }], 'results')).toBe('results[0]["odd key"] is a function, which JSON cannot carry');
    expect(jsonProblem([new Set([1])], 'results')).toBe('results[0] is a Set, which JSON cannot carry; convert it to an array or a plain object');
    expect(jsonProblem([new Float32Array(2)], 'results')).toBe('results[0] is a Float32Array, which JSON cannot carry; convert it to an array or a plain object');
    expect(jsonProblem([Promise.resolve(1)], 'results')).toMatch(/^results\[0\] is a Promise/);
  });

  it('finds a circular structure, but not an object that appears twice', () => {
    const shared = { a: 1 };
    const circular: Record<string, unknown> = { a: 1 };
    circular['self'] = circular;

    expect(jsonProblem([shared, shared], 'results')).toBeUndefined();
    expect(jsonProblem([circular], 'results')).toBe('results[0].self refers back to an object that contains it (a circular structure)');
  });
});
