import { WakeQueuedInput } from './contracts';

/** What waking needs: raising `slotFreed` on a job's orchestration (a JobRunner). */
export interface Waker {
  wake(job: string): Promise<void>;
}

/** `JobWakeQueued`: tells queued jobs that a slot of their compute is free for them. */
export async function wakeQueued(waker: Waker, raw: unknown): Promise<null> {
  const { jobs } = WakeQueuedInput.parse(raw);
  await Promise.all(jobs.map((job) => waker.wake(job)));
  return null;
}
