import { describe, it, expect } from 'vitest';
import { InvalidTransitionError } from '../../src/model/errors';
import { assertTransition, canTransition, isTerminal, JOB_STATUSES, JobStatus, TERMINAL_STATUSES, TRANSITIONS } from '../../src/model/status';

// The expected table, written out independently of TRANSITIONS: row = from, column = to, x = allowed.
//                NS St Pv Pp Qu Ru Fi CR Co Fa Ca NR
const EXPECTED = `
NotStarted      .  x  .  .  .  .  .  x  .  x  .  .
Starting        .  .  x  x  x  x  .  x  .  x  .  .
Provisioning    .  .  .  x  x  x  .  x  .  x  .  .
Preparing       .  .  .  .  x  x  .  x  .  x  .  .
Queued          .  .  .  .  .  x  .  x  .  x  .  .
Running         .  .  .  .  .  .  x  x  x  x  .  x
Finalizing      .  .  .  .  .  .  .  x  x  x  .  .
CancelRequested .  .  .  .  .  .  .  .  x  x  x  .
Completed       .  .  .  .  .  .  .  .  .  .  .  .
Failed          .  .  .  .  .  .  .  .  .  .  .  .
Canceled        .  .  .  .  .  .  .  .  .  .  .  .
NotResponding   .  .  .  .  .  x  .  x  .  x  .  .
`;

const expected = new Map(
  EXPECTED.trim().split('\n').map((line) => {
    const [from, ...cells] = line.trim().split(/\s+/);
    return [from as JobStatus, cells.map((cell) => cell === 'x')] as const;
  }),
);

const pairs = JOB_STATUSES.flatMap((from) => JOB_STATUSES.map((to, column) => ({ from, to, allowed: expected.get(from)?.[column] ?? false })));

describe('job status transitions', () => {
  it('has all twelve Azure ML statuses, each with a row in the table', () => {
    expect(JOB_STATUSES).toHaveLength(12);
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...JOB_STATUSES].sort());
    expect([...expected.keys()].sort()).toEqual([...JOB_STATUSES].sort());
  });

  it.each(pairs)('$from → $to is allowed: $allowed', ({ from, to, allowed }) => {
    expect(canTransition(from, to)).toBe(allowed);
    if (allowed) expect(() => assertTransition(from, to)).not.toThrow();
    else expect(() => assertTransition(from, to)).toThrow(InvalidTransitionError);
  });

  it('treats exactly Completed, Failed and Canceled as terminal, and lets them go nowhere', () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual(['Canceled', 'Completed', 'Failed']);
    for (const status of JOB_STATUSES) {
      expect(isTerminal(status)).toBe(TRANSITIONS[status].length === 0);
    }
  });

  it('lets only NotResponding go back to Running from a later state', () => {
    const later = JOB_STATUSES.filter((status) => JOB_STATUSES.indexOf(status) > JOB_STATUSES.indexOf('Running'));
    expect(later.filter((status) => canTransition(status, 'Running'))).toEqual(['NotResponding']);
  });

  it('reaches Canceled only through CancelRequested', () => {
    expect(JOB_STATUSES.filter((status) => canTransition(status, 'Canceled'))).toEqual(['CancelRequested']);
  });

  it('names both states and the allowed targets when a transition is refused', () => {
    expect(() => assertTransition('Queued', 'Completed', 'job hello')).toThrow(
      'job hello: cannot move from Queued to Completed (allowed from Queued: Running, CancelRequested, Failed)',
    );
    try {
      assertTransition('Completed', 'Running');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidTransitionError);
      expect(error).toMatchObject({ name: 'InvalidTransitionError', from: 'Completed', to: 'Running', allowed: [] });
      expect((error as Error).message).toBe('cannot move from Completed to Running (Completed is terminal and allows no transitions)');
    }
  });

  it('parses statuses with zod and rejects unknown ones', () => {
    expect(JobStatus.parse('Running')).toBe('Running');
    expect(JobStatus.safeParse('Paused').success).toBe(false);
  });
});
