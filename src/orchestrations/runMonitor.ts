import type { CommandJobInput, CommandJobOutput, RunCheckpoint } from '../activities/contracts';
import { ACTIVITIES, EVENTS, TIMEOUT_REASON } from '../activities/names';
import { isTerminal } from '../model';
import { endAfterExit, endCanceled, endEndedElsewhere, endFailed } from './jobEndings';
import type { JobFlow, Step } from './jobFlow';
import { pollDelayMs, POLLS_PER_GENERATION } from './pollSchedule';

/**
 * Running: looks at the run when the compute says it exited (the `runExited` event), or else
 * when a durable timer fires (200 ms doubling to 10 s: an event that never comes costs only that
 * wait), until it exits; each wait races a cancel request and the `limits.timeout` deadline.
 * `lookNow`: the run had already ended when it was started, so the first look comes at once. A
 * run whose heartbeats stop makes the job NotResponding, and Running again when they resume.
 * After POLLS_PER_GENERATION looks the orchestration continues as new from a checkpoint; a cancel
 * request that arrives just then is still seen, in the job's status, at the next look.
 */
export function* monitorRun(flow: JobFlow, checkpoint: RunCheckpoint, options: { lookNow?: boolean } = {}): Step<CommandJobOutput> {
  const { run, runId } = checkpoint;
  const deadline = checkpoint.deadline === undefined ? undefined : new Date(checkpoint.deadline);
  let { notResponding, polls } = checkpoint;
  for (let pollsHere = 0; ; pollsHere++) {
    if (pollsHere === POLLS_PER_GENERATION) {
      const input: CommandJobInput = { job: flow.job, checkpoint: { ...checkpoint, notResponding, polls } };
      flow.context.df.continueAsNew(input);
      return { job: flow.job, status: notResponding ? 'NotResponding' : 'Running' };
    }
    if (pollsHere > 0 || options.lookNow !== true) {
      const next = new Date(flow.now.getTime() + pollDelayMs(polls));
      const woke = yield* flow.sleepUntilWoken(deadline !== undefined && deadline < next ? deadline : next, EVENTS.runExited);
      if (typeof woke === 'object') return yield* endCanceled(flow, woke.canceled);
    }
    if (deadline !== undefined && flow.now >= deadline) return yield* endCanceled(flow, TIMEOUT_REASON);

    const poll = yield* flow.activity(ACTIVITIES.pollRun, { job: flow.job, compute: run.compute, runId });
    polls++;
    if (poll.jobStatus === 'CancelRequested') return yield* endCanceled(flow);
    if (isTerminal(poll.jobStatus)) return yield* endEndedElsewhere(flow, poll.jobStatus);
    switch (poll.run.state) {
      case 'exited':
        return yield* endAfterExit(flow, poll.run.exitCode, poll.run.signal);
      case 'lost':
        return yield* endFailed(flow, { code: 'SystemError', message: `the compute "${run.compute}" lost the run: ${poll.run.reason}` });
      case 'running': {
        if (poll.run.stale === notResponding) break;
        const to = poll.run.stale ? 'NotResponding' : 'Running';
        const changed = yield* flow.setStatus(to, { reason: poll.run.stale ? 'the run stopped sending heartbeats' : 'heartbeats resumed' });
        if (changed.status === 'CancelRequested') return yield* endCanceled(flow);
        if (isTerminal(changed.status)) return yield* endEndedElsewhere(flow, changed.status);
        notResponding = changed.status === 'NotResponding';
      }
    }
  }
}
