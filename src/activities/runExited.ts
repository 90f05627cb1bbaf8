import { EVENTS } from './names';

/** What telling an orchestration needs: a durable client's `raiseEvent`. */
export interface EventRaiser {
  raiseEvent(instanceId: string, eventName: string, eventData: unknown): Promise<void>;
}

/**
 * Tells a job's orchestration that the compute saw its run end (`runExited`), so it looks at the
 * run at once instead of at its next poll. The client comes from the `JobStartRun` invocation and
 * is used after it returned: its management endpoint serves for the life of the host, not of the
 * invocation. Best effort — an event that cannot be raised (host stopping, instance gone) costs
 * the job only the wait until its next poll, so failures are dropped.
 */
export function runExitedNotice(client: EventRaiser): (job: string) => void {
  return (job) => {
    client.raiseEvent(job, EVENTS.runExited, null).catch(() => undefined);
  };
}
