import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { ServiceStartError } from './errors';
import { launcherPath } from './launchers';

const TAIL_LINES = 40;
const STOP_TIMEOUT_MS = 10_000;

export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Set when the process could not be spawned at all. */
  readonly error?: Error;
}

export interface SpawnServiceOptions {
  /** Human name used in every message, e.g. "Azurite". */
  readonly service: string;
  /** Absolute path of the JavaScript entry the child runs. */
  readonly entry: string;
  readonly args: readonly string[];
  /** Receives every line the child prints, stdout and stderr alike. */
  readonly onOutput?: (line: string) => void;
}

/**
 * A service running as a child `node` process under the watchdog launcher, so it ends by itself
 * when this process dies (IPC channel closes) — even on SIGKILL, when no cleanup code of ours runs.
 */
export class ServiceProcess {
  readonly service: string;
  readonly pid: number | undefined;
  /** Settles once the child has exited and its output has been read to the end. */
  readonly exited: Promise<ExitInfo>;
  private exit: ExitInfo | undefined;
  private readonly tail: string[] = [];
  private readonly lineListeners = new Set<(line: string) => void>();

  constructor(private readonly child: ChildProcess, options: SpawnServiceOptions) {
    this.service = options.service;
    this.pid = child.pid;
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => this.onLine(line, options));
    }
    this.exited = new Promise((resolve) => {
      child.once('error', (error) => {
        if (child.pid === undefined) resolve((this.exit = { code: null, signal: null, error }));
      });
      child.once('close', (code, signal) => resolve((this.exit = { code, signal })));
    });
  }

  get exitInfo(): ExitInfo | undefined {
    return this.exit;
  }

  /** The last lines the child printed, oldest first. */
  outputTail(): string {
    return this.tail.join('\n');
  }

  /** Calls `listener` for every later line of output; returns the unsubscribe function. */
  onOutputLine(listener: (line: string) => void): () => void {
    this.lineListeners.add(listener);
    return () => this.lineListeners.delete(listener);
  }

  /** SIGTERM (graceful), then SIGKILL after `timeoutMs`. Resolves once the process is gone. */
  async stop(timeoutMs = STOP_TIMEOUT_MS): Promise<ExitInfo> {
    if (this.exit) return this.exit;
    this.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const forced = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    const first = await Promise.race([this.exited, forced]);
    clearTimeout(timer);
    if (first) return first;
    this.child.kill('SIGKILL');
    return this.exited;
  }

  failure(problem: string, cause?: unknown): ServiceStartError {
    return new ServiceStartError(this.service, problem, this.outputTail(), cause === undefined ? undefined : { cause });
  }

  private onLine(line: string, options: SpawnServiceOptions): void {
    this.tail.push(line);
    if (this.tail.length > TAIL_LINES) this.tail.shift();
    options.onOutput?.(line);
    for (const listener of this.lineListeners) listener(line);
  }
}

export function spawnService(options: SpawnServiceOptions): ServiceProcess {
  const child = spawn(process.execPath, [launcherPath('watchdog'), options.entry, ...options.args], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    windowsHide: true,
  });
  return new ServiceProcess(child, options);
}

/** "exited with code 1", "was killed by SIGKILL", "could not be spawned (ENOENT …)". */
export function describeExit(exit: ExitInfo): string {
  if (exit.error) return `could not be spawned (${exit.error.message})`;
  if (exit.signal) return `was killed by ${exit.signal}`;
  return `exited with code ${exit.code ?? 'unknown'}`;
}
