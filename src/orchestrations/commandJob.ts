import type { OrchestrationContext } from 'durable-functions';
import { CommandJobInput, type CommandJobOutput, type PrepareResult, type SetStatusResult } from '../activities/contracts';
import { ACTIVITIES } from '../activities/names';
import { isTerminal } from '../model';
import { waitForSlot } from './computeQueue';
import { endCanceled, endEndedElsewhere, endFailed, endWithSystemError } from './jobEndings';
import { JobFlow, type Step } from './jobFlow';
import { monitorRun } from './runMonitor';

/**
 * The `CommandJob` orchestration: one instance per job, instance id = job name, input
 * `CommandJobInput`. It drives the job record through
 * NotStarted → Starting → Preparing → Queued → Running ⇄ NotResponding → Finalizing → Completed,
 * or to Failed / Canceled, every status recorded by an activity: `JobSetStatus` (Starting and
 * Preparing in one write), `JobPrepare` (Queued, once prepared), `JobStartRun` (Running, once
 * the run started) and `JobFinish` (Finalizing and the end). Each step costs an episode that replays the history, so steps that
 * need no durable wait in between share one activity. It never waits inside an activity for the
 * job's duration: it looks at the run when the compute says it exited, or else between durable
 * timers. Whatever fails, the job ends in a terminal status with the error recorded.
 */
export function* commandJobOrchestrator(context: OrchestrationContext): Step<CommandJobOutput> {
  const input = CommandJobInput.parse(context.df.getInput());
  const flow = new JobFlow(context, input.job);
  try {
    if (input.checkpoint) {
      flow.prepared = input.checkpoint.run;
      flow.runId = input.checkpoint.runId;
      flow.slotHeld = true;
      return yield* monitorRun(flow, input.checkpoint);
    }
    return yield* startJob(flow);
  } catch (err) {
    return yield* endWithSystemError(flow, err);
  }
}

function* startJob(flow: JobFlow): Step<CommandJobOutput> {
  let preparing = yield* flow.setStatus('Preparing', { via: ['Starting'] });
  // Replaying a history from before Starting and Preparing shared a write: its first status change
  // stopped at Starting, and the next one in that history is Preparing.
  if (preparing.status === 'Starting') preparing = yield* flow.setStatus('Preparing');
  if (preparing.status !== 'Preparing') return yield* follow(flow, preparing);
  const prepared = yield* flow.untilCanceled<PrepareResult>(flow.activityTask(ACTIVITIES.prepare, { job: flow.job }));
  if (prepared.canceled) return yield* endCanceled(flow, prepared.reason);
  if (!prepared.value.ok) return yield* endFailed(flow, prepared.value.error);
  const run = prepared.value.run;
  flow.prepared = run;

  const queued = prepared.value.queued ?? (yield* flow.setStatus('Queued'));
  if (queued.status !== 'Queued') return yield* follow(flow, queued);
  const slot = yield* waitForSlot(flow, run);
  if (!slot.granted) return yield* endCanceled(flow, slot.cancelReason);

  const started = yield* flow.activityOnce(ACTIVITIES.startRun, { job: flow.job, run });
  const { runId } = started;
  flow.runId = runId;
  const startedAt = flow.now;
  const running = started.running ?? (yield* flow.setStatus('Running'));
  if (running.status !== 'Running') return yield* follow(flow, running);
  const deadline = run.timeoutSeconds === undefined ? undefined : new Date(startedAt.getTime() + run.timeoutSeconds * 1000).toISOString();
  const checkpoint = { run, runId, ...(deadline !== undefined && { deadline }), notResponding: false, polls: 0 };
  return yield* monitorRun(flow, checkpoint, { lookNow: started.exited === true });
}

/** The status did not move as asked: cancel was requested, or the job already ended. */
function* follow(flow: JobFlow, current: SetStatusResult): Step<CommandJobOutput> {
  if (isTerminal(current.status)) return yield* endEndedElsewhere(flow, current.status);
  if (current.status === 'CancelRequested') return yield* endCanceled(flow, current.reason);
  throw new Error(`job ${flow.job} is ${current.status}, not the status the orchestration set`);
}
