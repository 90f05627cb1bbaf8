import type { RunState } from '../../../ports';
import { isSameProcess } from './processes';
import type { ExitRecord, RunFiles, RunPids } from './runFiles';

/** What the files and the process table say about a run, before any log shipping or cleanup. */
export type RunObservation =
  | { kind: 'exited'; exit: ExitRecord }
  | { kind: 'alive'; pids: RunPids; lastHeartbeat: Date | undefined }
  | { kind: 'gone'; pids: RunPids | undefined };

export async function observeRun(run: RunFiles): Promise<RunObservation> {
  const exit = await run.exit();
  if (exit) return { kind: 'exited', exit };
  const pids = await run.pids();
  if (pids && isSameProcess(pids.runner.pid, pids.runner.identity)) {
    return { kind: 'alive', pids, lastHeartbeat: await run.lastHeartbeat() };
  }
  // The runner writes exit.json just before it exits: look again before calling it gone.
  const late = await run.exit();
  return late ? { kind: 'exited', exit: late } : { kind: 'gone', pids };
}

export function exitedState(exit: ExitRecord): RunState {
  return {
    state: 'exited',
    exitCode: exit.exitCode,
    endedAt: exit.endedAt,
    ...(exit.signal !== undefined ? { signal: exit.signal } : {}),
    ...(exit.cancelReason !== undefined ? { cancelReason: exit.cancelReason } : {}),
  };
}

/** `running`, or `unresponsive` when the last heartbeat is older than `staleAfterMs`. */
export function liveState(pids: RunPids, lastHeartbeat: Date, staleAfterMs: number, now: Date): RunState {
  const stale = now.getTime() - lastHeartbeat.getTime() > staleAfterMs;
  return { state: stale ? 'unresponsive' : 'running', pid: pids.command.pid, lastHeartbeat: lastHeartbeat.toISOString() };
}

export function lostState(run: RunFiles, pids: RunPids | undefined, leftoversKilled: boolean, cancelReason: string | undefined): RunState {
  const what = pids
    ? `the runner (pid ${pids.runner.pid}) ended without recording how the command ended: it was killed, or the machine restarted`
    : `the runner never reported that the command started (see ${run.dir}/runner.log)`;
  const leftovers = leftoversKilled ? '; the processes the command left were killed' : '';
  const cancel = cancelReason !== undefined ? `; cancel had been requested: ${cancelReason}` : '';
  return { state: 'lost', reason: `${what}${leftovers}${cancel}` };
}
