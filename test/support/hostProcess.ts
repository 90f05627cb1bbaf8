import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { eventually as pollFor } from '../services/helpers';

export const repoRoot = path.join(__dirname, '..', '..');
export const cliEntry = path.join(repoRoot, 'dist', 'src', 'cli', 'main.js');

export interface HostProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/**
 * Runs `durable-jobs host --no-supervise` (the compiled CLI) as a child process and resolves once
 * the host reports it is ready; output is kept for assertions and failure messages.
 */
export async function startHostProcess(appDir: string, env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<HostProcess> {
  const child = fork(cliEntry, ['host', '--app', appDir, '--port', '0', '--no-supervise'], {
    env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not become ready in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    child.on('message', (message: { type?: string; url?: string }) => {
      if (message.type === 'ready' && message.url) { clearTimeout(timer); resolve(message.url); }
    });
    void exited.then((how) => { clearTimeout(timer); reject(new Error(`host exited (${how}) before it was ready:\n${output}`)); });
  });
  return { child, url, output: () => output, exited };
}

/** Polls `probe` until it returns a value (not undefined) or the deadline passes. */
export function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  return pollFor(what, probe, { timeoutMs, intervalMs: 25 });
}
