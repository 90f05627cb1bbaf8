import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { groupIsAlive } from './processes';
import { RunFiles } from './runFiles';
import { observeRun } from './runStatus';

/**
 * Which run folders may go. A run is removable once nothing of it runs any more — its runner has
 * recorded the exit, or the runner is gone and no process of the command's group is left — never
 * before. `endedAt` is when that happened, as far as the files tell.
 */

/** When the run ended; undefined while its runner or any process of its command lives. */
export async function runEndedAt(run: RunFiles): Promise<Date | undefined> {
  const observed = await observeRun(run);
  switch (observed.kind) {
    case 'alive':
      return undefined;
    case 'exited':
      return validDate(observed.exit.endedAt) ?? (await lastChange(run));
    case 'gone':
      if (observed.pids && groupIsAlive(observed.pids.command.pid, observed.pids.command.identity)) return undefined;
      return lastChange(run);
  }
}

/** The runs in `runsDir`, as RunFiles; an empty list when the folder does not exist. */
export async function listRuns(runsDir: string, prefix = ''): Promise<RunFiles[]> {
  const entries = await readdir(runsDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((entry) => entry.isDirectory() && entry.name.startsWith(prefix))
    .map((entry) => new RunFiles(entry.name, path.join(runsDir, entry.name)));
}

export async function removeRunFiles(run: RunFiles): Promise<void> {
  await rm(run.dir, { recursive: true, force: true });
}

/** The last sign of life of a run whose runner left no exit record: its heartbeat, else its folder. */
async function lastChange(run: RunFiles): Promise<Date> {
  return (await run.lastHeartbeat()) ?? (await stat(run.dir)).mtime;
}

function validDate(text: string): Date | undefined {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
