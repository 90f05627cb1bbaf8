import { JobRef, type PrepareResult } from './contracts';
import type { ActivityDeps } from './deps';
import { prepare } from './prepare';
import { setStatus } from './setStatus';

/**
 * `JobPrepare` as the orchestration calls it: prepare (prepare.ts), then the job is recorded
 * Queued in the same activity — one step less per job, since nothing durable happens in between.
 * `queued` is the status the job was left in (CancelRequested or an ending when someone else got
 * there first). Safe to run again, like both halves.
 */
export async function prepareAndQueue(deps: ActivityDeps, raw: unknown): Promise<PrepareResult> {
  const prepared = await prepare(deps, raw);
  if (!prepared.ok) return prepared;
  const queued = await setStatus(deps, { job: JobRef.parse(raw).job, to: 'Queued' });
  return { ...prepared, queued };
}
