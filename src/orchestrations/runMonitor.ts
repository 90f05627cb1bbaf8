import type { CommandJobInput, CommandJobOutput, RunCheckpoint } from '../activities/contracts';
import { ACTIVITIES, TIMEOUT_REASON } from '../activities/names';
import { isTerminal } from '../model';
import { endAfterExit, endCanceled, endEndedElsewhere, endFailed } from './jobEndings';
import type { JobFlow, Step } from './jobFlow';
import { pollDelayMs, POLLS_PER_GENERATION } from './pollSchedule';

/**
 * Running: polls the run with durable timers in between (1 s doubling to 10 s) until it exits,
 * racing each wait against a cancel request and the `limits.timeout` deadline. A run whose
 * heartbeats stop makes the job NotResponding, and Running again when they resume. After
 * POLLS_PER_GENERATION polls the orchestration continues as new from a checkpoint; a cancel
 * request that arrives just then is still seen, in the job's status, at the next poll.
 */
export function* monitorRun(flow: JobFlow, checkpoint: RunCheckpoint): Step<CommandJobOutput> {
  const { run, runId } = checkpoint;
  const deadline = checkpoint.deadline === undefined ? undefined : new Date(checkpoint.deadline);
  let { notResponding, polls } = checkpoint;
  for (let pollsHere = 0; ; pollsHere++) {
    if (pollsHere === POLLS_PER_GENERATION) {
      const input: CommandJobInput = { job: flow.job, checkpoint: { ...checkpoint, notResponding, polls } };
      flow.context.df.continueAsNew(input);
      return { job: flow.job, status: notResponding ? 'NotResponding' : 'Running' };
    }
    const next = new Date(flow.now.getTime() + pollDelayMs(polls));
    const slept = yield* flow.sleepUnlessCanceled(deadline !== undefined && deadline < next ? deadline : next);
    if (slept.canceled) return yield* endCanceled(flow, slept.reason);
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
