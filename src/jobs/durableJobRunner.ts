import type { DurableClient } from 'durable-functions';
import type { CommandJobInput } from '../activities/contracts';
import { EVENTS, ORCHESTRATIONS } from '../activities/names';
import type { ParallelJobInput } from '../parallel/contracts';
import { PARALLEL_ORCHESTRATIONS } from '../parallel/names';
import type { JobRunner } from './submit';

/** Statuses of an orchestration that is (about to be) running: starting another would be a duplicate. */
const LIVE = new Set(['Pending', 'Running', 'ContinuedAsNew', 'Suspended']);

/** JobRunner over the Durable Functions client of the current invocation. */
export function durableJobRunner(client: DurableClient): JobRunner {
  return {
    async start(job, type) {
      const input: CommandJobInput | ParallelJobInput = { job };
      const orchestration = type === 'parallel' ? PARALLEL_ORCHESTRATIONS.job : ORCHESTRATIONS.commandJob;
      try {
        await client.startNew(orchestration, { instanceId: job, input });
      } catch (err) {
        // Another delivery of the same submission started it first: fine.
        const status = await client.getStatus(job, { showInput: false }).catch(() => undefined);
        if (status === undefined || !LIVE.has(String(status.runtimeStatus))) throw err;
      }
    },
    async redrive(job) {
      const input: ParallelJobInput = { job, redrive: true };
      await client.startNew(PARALLEL_ORCHESTRATIONS.job, { instanceId: job, input });
    },
    async cancel(job, reason) {
      try {
        await client.raiseEvent(job, EVENTS.cancel, { reason });
        return true;
      } catch (err) {
        if (isInstanceNotFound(err)) return false;
        throw err;
      }
    },
    async wake(job) {
      await client.raiseEvent(job, EVENTS.slotFreed, null).catch((err: unknown) => {
        if (!isInstanceNotFound(err)) throw err;
      });
    },
  };
}

/** durable-functions reports an unknown instance only in the message of a plain Error. */
function isInstanceNotFound(err: unknown): boolean {
  return err instanceof Error && /No instance with ID .* found/.test(err.message);
}
