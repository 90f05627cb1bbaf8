import type { DurableClient } from 'durable-functions';
import type { OrchestrationLookup } from '../activities/endedHolders';

/** OrchestrationLookup over the Durable Functions client of the current invocation. */
export function durableOrchestrationLookup(client: DurableClient): OrchestrationLookup {
  return {
    async runtimeStatus(job) {
      try {
        return String((await client.getStatus(job, { showInput: false })).runtimeStatus);
      } catch (err) {
        // durable-functions reports an unknown instance only in the message of a plain Error.
        if (err instanceof Error && /HTTP 404/.test(err.message)) return undefined;
        throw err;
      }
    },
  };
}
