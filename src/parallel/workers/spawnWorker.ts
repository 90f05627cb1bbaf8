import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Duplex } from 'node:stream';
import { ipcChannel, jsonLinesChannel, type Channel } from './channel';
import type { WorkerLanguage } from './entryScript';
import { jsWorkerMainPath, pythonRunnerPath } from './runnerPaths';

export interface SpawnedWorker {
  child: ChildProcess;
  channel: Channel;
}

/** The interpreter that runs Python entry scripts, looked up on the worker environment's PATH. */
export const PYTHON = 'python3';

/**
 * Starts one worker process in `cwd` with exactly `env`. Each worker leads a process group of its
 * own (`detached`), so a timeout or close can end it together with anything the user's script
 * started. stdin is /dev/null; stdout and stderr are the user's output; the protocol runs on a
 * channel of its own (fork IPC, or fd 3 for Python), so a print() never corrupts it.
 */
export function spawnWorker(language: WorkerLanguage, cwd: string, env: Record<string, string>): SpawnedWorker {
  if (language === 'node') {
    const child = fork(jsWorkerMainPath(), [], {
      cwd, env, detached: true, execArgv: ['--enable-source-maps'], serialization: 'json', stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    return { child, channel: ipcChannel(child) };
  }
  const child = spawn(PYTHON, ['-u', pythonRunnerPath()], {
    cwd, env: { PYTHONUNBUFFERED: '1', ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  return { child, channel: jsonLinesChannel(child.stdio[3] as Duplex) };
}

/** Why a worker process could not be started, with what to do about it. */
export function describeSpawnError(language: WorkerLanguage, error: NodeJS.ErrnoException, cwd: string, env: Record<string, string>): string {
  if (error.code === 'ENOENT' && !existsSync(cwd)) return `cannot start a worker process: its working directory ${cwd} does not exist`;
  if (language === 'python' && error.code === 'ENOENT') {
    return `${PYTHON} was not found on the worker's PATH (${env['PATH'] ?? 'unset'}); Python entry scripts need Python 3: ` +
      `install it (e.g. apt-get install python3, brew install python, or from python.org) or put ${PYTHON} on the PATH of environment_variables`;
  }
  return `cannot start the ${language === 'python' ? PYTHON : 'node'} worker process: ${error.message}`;
}
