import * as df from 'durable-functions';
import type { OrchestrationContext, Task } from 'durable-functions';
import type {
  AcquireSlot, AcquireSlotResult, ActivityTypes, CancelEvent, PreparedRun, ReleaseSlot, ReleaseSlotResult, SetStatusInput, SetStatusResult,
} from '../activities/contracts';
import { ACTIVITIES, CLIENT_ACTIVITIES, ENTITIES, EVENTS, SLOT_OPERATIONS } from '../activities/names';

/**
 * One job's orchestration state and the durable calls it makes: typed activity calls with retries,
 * status changes, races against a cancel request, and the compute slot. Generators only; every
 * value comes from the durable context, so replays see the same thing.
 */

/**
 * Activities are retried on failure (they are idempotent): after 1 s, doubling up to a minute, 8
 * attempts in all — about two minutes, so that Cosmos DB or storage being away for a while does
 * not end a job, let alone leave it without its final status.
 */
export function activityRetryPolicy(): df.RetryOptions {
  const retry = new df.RetryOptions(1_000, 8);
  retry.backoffCoefficient = 2;
  retry.maxRetryIntervalInMilliseconds = 60_000;
  return retry;
}

/** What a compute slot is taken and given back for: the compute and its job limit. */
export type SlotRequest = Pick<PreparedRun, 'compute' | 'concurrencyLimit'>;

export type Raced<T> = { canceled: false; value: T } | { canceled: true; reason: string | undefined };

export type Step<T> = Generator<Task, T, unknown>;

export class JobFlow {
  private readonly retry = activityRetryPolicy();
  /** Set once prepare has worked out the run. */
  prepared: PreparedRun | undefined;
  /** Set once the compute has started the run. */
  runId: string | undefined;
  /** True while this job holds a slot of its compute. */
  slotHeld = false;

  constructor(readonly context: OrchestrationContext, readonly job: string) {}

  get now(): Date {
    return this.context.df.currentUtcDateTime;
  }

  /** Calls an activity, retrying failures per the retry policy. */
  *activity<N extends keyof ActivityTypes>(name: N, input: ActivityTypes[N]['input']): Step<ActivityTypes[N]['result']> {
    return (yield this.activityTask(name, input)) as ActivityTypes[N]['result'];
  }

  /** Calls an activity once: for starting a run, which must not happen twice. */
  *activityOnce<N extends keyof ActivityTypes>(name: N, input: ActivityTypes[N]['input']): Step<ActivityTypes[N]['result']> {
    return (yield this.context.df.callActivity(name, input)) as ActivityTypes[N]['result'];
  }

  activityTask<N extends keyof ActivityTypes>(name: N, input: ActivityTypes[N]['input']): Task {
    return this.context.df.callActivityWithRetry(name, this.retry, input);
  }

  *setStatus(to: SetStatusInput['to'], details: Omit<SetStatusInput, 'job' | 'to'> = {}): Step<SetStatusResult> {
    return yield* this.activity(ACTIVITIES.setStatus, { job: this.job, to, ...details });
  }

  /**
   * Waits for `task` unless the job is canceled first. A cancel request that arrived earlier (even
   * before the orchestration started waiting) wins at once: durable events are kept until awaited.
   * `task` must be new (not yielded before): durable-functions mishandles re-yielded tasks.
   */
  *untilCanceled<T>(task: Task): Step<Raced<T>> {
    const cancel = this.context.df.waitForExternalEvent(EVENTS.cancel);
    const winner = yield this.context.df.Task.any([task, cancel]);
    if (winner === cancel) return { canceled: true, reason: cancelReason(cancel.result) };
    if (task.isFaulted) throw task.result;
    return { canceled: false, value: task.result as T };
  }

  /** Waits until `fireAt`, or less if the job is canceled first. */
  *sleepUnlessCanceled(fireAt: Date): Step<Raced<undefined>> {
    const timer = this.context.df.createTimer(fireAt);
    const raced = yield* this.untilCanceled<undefined>(timer);
    if (raced.canceled) timer.cancel();
    return raced;
  }

  /** Waits until `fireAt`, or less if the job is canceled or the event `wakeOn` comes first. */
  *sleepUntilWoken(fireAt: Date, wakeOn: string): Step<'slept' | 'woken' | { canceled: string | undefined }> {
    const timer = this.context.df.createTimer(fireAt);
    const woken = this.context.df.waitForExternalEvent(wakeOn);
    const raced = yield* this.untilCanceled<Task>(this.context.df.Task.any([timer, woken]));
    if (!timer.isCompleted) timer.cancel();
    if (raced.canceled) return { canceled: raced.reason };
    return raced.value === woken ? 'woken' : 'slept';
  }

  *acquireSlot(compute: string, limit: number): Step<AcquireSlotResult> {
    const input: AcquireSlot = { job: this.job, limit, now: this.now.toISOString() };
    return (yield* this.callSlots(compute, SLOT_OPERATIONS.acquire, input)) as AcquireSlotResult;
  }

  /** Calls the slots entity of `compute`; an Error when it does not answer within ENTITY_ANSWER_TIMEOUT_MS. */
  private *callSlots(compute: string, operation: string, input: unknown): Step<unknown> {
    const call = this.context.df.callEntity(slotsOf(compute), operation, input);
    const timer = this.context.df.createTimer(new Date(this.now.getTime() + ENTITY_ANSWER_TIMEOUT_MS));
    const winner = yield this.context.df.Task.any([call, timer]);
    if (winner === timer) throw new Error(`the ${ENTITIES.computeSlots} entity of compute "${compute}" did not answer "${operation}" within ${ENTITY_ANSWER_TIMEOUT_MS / 1000} s`);
    timer.cancel();
    if (call.isFaulted) throw call.result;
    return call.result;
  }

  /**
   * Gives the compute slot back (or leaves its queue) and wakes the jobs the slot is now for. A
   * wake-up that fails costs them only their next look at the queue. `holder`: another job whose
   * slot this job gives back for it, because that job ended without doing so; this job is not
   * woken then (it asks again at once).
   */
  *releaseSlot(run: SlotRequest, holder: string = this.job): Step<void> {
    const input: ReleaseSlot = { job: holder, limit: run.concurrencyLimit };
    const released = (yield* this.callSlots(run.compute, SLOT_OPERATIONS.release, input)) as ReleaseSlotResult;
    if (holder === this.job) this.slotHeld = false;
    const wake = released.wake.filter((job) => job !== this.job);
    if (wake.length === 0) return;
    try {
      yield* this.activity(CLIENT_ACTIVITIES.wakeQueued, { jobs: wake });
    } catch {
      // They look again on their own within QUEUE_MAX_POLL_MS.
    }
  }
}

/** How long the slots entity may take to answer before the job fails instead of waiting for ever. */
export const ENTITY_ANSWER_TIMEOUT_MS = 120_000;

function slotsOf(compute: string): df.EntityId {
  return new df.EntityId(ENTITIES.computeSlots, compute);
}

function cancelReason(data: unknown): string | undefined {
  const reason = (data as CancelEvent | undefined)?.reason;
  return typeof reason === 'string' && reason !== '' ? reason : undefined;
}
