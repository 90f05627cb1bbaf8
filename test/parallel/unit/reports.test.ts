import { describe, expect, it } from 'vitest';
import { errorSummary, jobErrors, processedMiniBatches } from '../../../src/parallel/activities/reports';
import { crossedThreshold, countResult, emptyTotals } from '../../../src/parallel/contracts';
import { rowLine } from '../../../src/parallel/runtime/results';

const failed = { id: 1, status: 'failed' as const, items: 3, succeeded: 0, failed: 3, attempts: 2, elapsedMs: 1500, error: 'run() raised: Traceback (most recent call last):\n  File "x.py", line 3\nValueError: bad, "quoted" value' };
const ok = { id: 0, status: 'succeeded' as const, items: 2, succeeded: 2, failed: 0, attempts: 1, elapsedMs: 12.3456 };

describe('parallel job reports', () => {
  it('writes one CSV row per mini-batch, not-run ones included, with a one-line, quoted error', () => {
    expect(processedMiniBatches([ok, failed, undefined], () => 4)).toBe([
      'mini_batch_id,items,succeeded,failed,attempts,elapsed_seconds,status,error',
      '0,2,2,0,1,0.012,succeeded,',
      '1,3,0,3,2,1.500,failed,"run() raised: ValueError: bad, ""quoted"" value"',
      '2,4,0,0,0,0.000,not_run,',
      '',
    ].join('\n'));
  });

  it('lists the whole error of each failed mini-batch in job_error.txt', () => {
    expect(jobErrors([ok, failed])).toBe(`mini-batch 1 (3 items, 2 attempts): ${failed.error}\n`);
    expect(errorSummary('just one line')).toBe('just one line');
  });
});

describe('rows appended by append_row', () => {
  it('writes strings as they are, lists space-separated, other values as JSON, one line each', () => {
    expect(rowLine('a,b')).toBe('a,b');
    expect(rowLine(['x', 1, true])).toBe('x 1 true');
    expect(rowLine({ id: 1 })).toBe('{"id":1}');
    expect(rowLine(3.5)).toBe('3.5');
    expect(rowLine('two\nlines')).toBe('two\\nlines');
  });
});

describe('error thresholds', () => {
  const totals = [
    { status: 'failed' as const, items: 4, failedItems: 4 },
    { status: 'succeeded' as const, items: 4, failedItems: 0 },
    { status: 'failed' as const, items: 4, failedItems: 1 },
  ].reduce(countResult, emptyTotals());

  it('fails a job only when failures go above a threshold, and -1 ignores them', () => {
    expect(totals).toEqual({ miniBatches: { succeeded: 1, failed: 2, skipped: 0 }, items: { succeeded: 7, failed: 5 } });
    expect(crossedThreshold(totals, { errorThreshold: 5, miniBatchErrorThreshold: 2 })).toBeUndefined();
    expect(crossedThreshold(totals, { errorThreshold: 4, miniBatchErrorThreshold: -1 })).toBe('5 items failed, more than error_threshold (4)');
    expect(crossedThreshold(totals, { errorThreshold: -1, miniBatchErrorThreshold: 1 })).toBe('2 mini-batches failed, more than mini_batch_error_threshold (1)');
    expect(crossedThreshold(totals, { errorThreshold: -1, miniBatchErrorThreshold: -1 })).toBeUndefined();
  });
});
