import { fork, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { packageRoot } from '../../src/cli/packageRoot';

/**
 * The app on `durable-jobs host` in a process of its own, so that its memory can be measured apart
 * from the benchmark's (and the benchmark's own work cannot stall the host's event loop).
 */
export interface HostChild {
  readonly url: string;
  /** The host process's peak resident set so far (VmHWM), in bytes. */
  peakRss(): Promise<number>;
  stop(): Promise<void>;
}

export async function startHostChild(env: Record<string, string>, timeoutMs = 60_000): Promise<HostChild> {
  const cli = path.join(packageRoot(), 'dist', 'src', 'cli', 'main.js');
  const child: ChildProcess = fork(cli, ['host', '--app', packageRoot(), '--port', '0', '--no-supervise', '--no-services'], {
    env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4000); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bench: the host did not become ready in ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
    child.on('message', (message: { type?: string; url?: string }) => {
      if (message.type === 'ready' && message.url) { clearTimeout(timer); resolve(message.url); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`bench: the host exited (${code}) before it was ready:\n${stderr}`)); });
  });
  return {
    url,
    async peakRss() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
      if (kb === undefined) throw new Error('bench: no VmHWM in /proc/<pid>/status');
      return Number(kb) * 1024;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
