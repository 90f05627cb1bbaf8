import { describe, expect, it } from 'vitest';
import { progressLine, progressOf } from '../../../src/cli/commands/common/progressText';

describe('the progress line of show and --stream', () => {
  const progress = { miniBatches: { total: 200, running: 2, succeeded: 45, failed: 5 }, items: { succeeded: 4490, failed: 10 } };

  it('shows a bar, counts and an ETA extrapolated from the time since the job started', () => {
    const line = progressLine(progress, '2026-01-01T00:00:00.000Z', new Date('2026-01-01T00:00:30.000Z'));
    expect(line).toBe('[██████░░░░░░░░░░░░░░░░░░] 25% 50/200 mini-batches · 2 running · 5 failed · items 4,490 ok, 10 failed · ETA 1m 30s');
  });

  it('has no ETA before the job runs or once it is done', () => {
    expect(progressLine(progress, undefined, new Date())).not.toContain('ETA');
    expect(progressLine({ ...progress, miniBatches: { total: 2, running: 0, succeeded: 2, failed: 0 } }, '2026-01-01T00:00:00.000Z', new Date())).toMatch(/^\[█{24}\] 100% 2\/2/);
  });

  it('reads progress only from views that carry one', () => {
    expect(progressOf({ progress })).toEqual(progress);
    expect(progressOf({ name: 'command job' })).toBeUndefined();
  });
});
