import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatTime, jobDuration, table } from '../../src/cli/commands/common/format';
import { exitCodeFor } from '../../src/cli/commands/common/exitCodes';

describe('formatting for the job commands', () => {
  it('writes durations from milliseconds to hours', () => {
    expect([850, 1234, 65_000, 7_380_000].map(formatDuration)).toEqual(['850ms', '1.2s', '1m 05s', '2h 03m']);
  });

  it('measures a job from its start to its end, or to now while it runs, and not before it starts', () => {
    expect(jobDuration({ start_time: '2026-03-01T10:00:00Z', end_time: '2026-03-01T10:00:02.500Z' })).toBe('2.5s');
    expect(jobDuration({ start_time: '2026-03-01T10:00:00Z' }, new Date('2026-03-01T10:01:00Z'))).toBe('1m 00s');
    expect(jobDuration({})).toBe('-');
  });

  it('writes times in UTC to the second, and sizes in binary units', () => {
    expect(formatTime('2026-03-01T10:00:01.234Z')).toBe('2026-03-01 10:00:01Z');
    expect(formatTime(undefined)).toBe('-');
    expect([512, 1536, 3 * 1024 * 1024].map(formatBytes)).toEqual(['512 B', '1.5 KiB', '3.0 MiB']);
  });

  it('aligns table columns without trailing spaces', () => {
    expect(table([['NAME', 'STATUS', 'NOTE'], ['a-long-name', 'Running', ''], ['b', 'Failed', 'x']])).toBe(
      'NAME         STATUS   NOTE\na-long-name  Running\nb            Failed   x\n',
    );
  });

  it('exits 0 for Completed, 1 for Failed and 2 for Canceled', () => {
    expect(['Completed', 'Failed', 'Canceled'].map((s) => exitCodeFor(s as 'Completed'))).toEqual([0, 1, 2]);
  });
});
