import { groupIsAlive, isSameProcess, signalGroup, signalProcess } from './processes';
import type { RunFiles, RunPids } from './runFiles';
import { waitUntil } from './until';

/** How long past the runner's own SIGKILL we wait before killing the command's group ourselves. */
const RUNNER_MARGIN_MS = 200;
/** How long a SIGKILLed group may take to disappear, and the runner to record exit.json. */
const SETTLE_MS = 500;

/**
 * Cancels a run: records the reason (cancel.json, first request wins), then ends the command's
 * process group — SIGTERM, and SIGKILL `graceMs` later — and resolves once the group is gone.
 *
 * A live runner does the signalling itself (it was sent SIGTERM) and records exit.json with the
 * reason; if it does not manage within the grace period (say it is stopped), or it is gone, the
 * group is signalled from here. A run that already ended is left alone.
 */
export async function cancelRun(run: RunFiles, reason: string, graceMs: number): Promise<void> {
  if (await run.exit()) return;
  await run.requestCancel(reason, new Date());
  const pids = await run.pids();
  if (!pids) return; // the command never started
  const runnerAlive = isSameProcess(pids.runner.pid, pids.runner.identity);
  if (runnerAlive) signalProcess(pids.runner.pid, 'SIGTERM');
  else signalCommand(pids, 'SIGTERM');
  const gone = () => !groupIsAlive(pids.command.pid, pids.command.identity);
  if (!(await waitUntil(gone, graceMs + (runnerAlive ? RUNNER_MARGIN_MS : 0)))) {
    signalCommand(pids, 'SIGKILL');
    await waitUntil(gone, SETTLE_MS);
  }
  if (runnerAlive) {
    await waitUntil(async () => (await run.exit()) !== undefined || !isSameProcess(pids.runner.pid, pids.runner.identity), SETTLE_MS);
  }
}

/** SIGKILLs what is left of a command whose runner is gone; true if anything was left. */
export async function killLeftovers(pids: RunPids): Promise<boolean> {
  if (!signalCommand(pids, 'SIGKILL')) return false;
  await waitUntil(() => !groupIsAlive(pids.command.pid, pids.command.identity), SETTLE_MS);
  return true;
}

function signalCommand(pids: RunPids, signal: NodeJS.Signals): boolean {
  return groupIsAlive(pids.command.pid, pids.command.identity) && signalGroup(pids.command.pid, signal);
}
