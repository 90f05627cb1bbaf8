import type { ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { signalGroup } from '../../adapters/compute/local/processes';
import type { Channel } from './channel';
import { LastLines, LineSplitter } from './lines';
import { FromWorker, type ToWorker } from './protocol';

/** How a worker process ended. */
export interface WorkerEnd {
  /** Exit code; null when a signal ended it or it never started. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Why the process could not be started at all (e.g. ENOENT: no python3). */
  spawnError?: NodeJS.ErrnoException;
  /** Set when the worker broke the protocol and was killed for it. */
  protocolError?: string;
  /** The last lines it wrote to stderr. */
  stderrTail: readonly string[];
}

/** What became of one request: the worker's reply, or no reply because of a timeout or its end. */
export type Answer = { reply: FromWorker } | { failure: 'timeout' } | { failure: 'exit'; end: WorkerEnd };

/** Lines of stderr an end keeps for the error message. */
const STDERR_TAIL_LINES = 20;
/** After the worker exits, how long a grandchild may keep its stdout/stderr open before we stop reading. */
const PIPES_GRACE_MS = 2_000;
/** setTimeout's ceiling; longer timeouts wait this long. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One worker process and its request/reply protocol: at most one request in flight, answered by a
 * reply, a timeout, or the process's end. `ended` resolves once the process has exited and its
 * output has been read to the end, so the last lines it printed — a last line without newline
 * too — have reached `log` first. When the worker exits, the rest of its process group is killed:
 * nothing the user's script started outlives it.
 */
export class WorkerProcess {
  readonly ended: Promise<WorkerEnd>;
  private settle: ((answer: Answer) => void) | undefined;
  private end: WorkerEnd | undefined;
  private exited = false;
  private protocolError: string | undefined;
  private spawnError: NodeJS.ErrnoException | undefined;
  private readonly stderrTail = new LastLines(STDERR_TAIL_LINES);

  constructor(private readonly child: ChildProcess, private readonly channel: Channel, log: (stream: 'stdout' | 'stderr', line: string) => void) {
    readLines(child.stdout, (line) => log('stdout', line));
    readLines(child.stderr, (line) => {
      this.stderrTail.add(line);
      log('stderr', line);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (child.pid === undefined) this.spawnError ??= error;
    });
    child.once('exit', () => this.onExit());
    this.ended = new Promise((resolve) => {
      child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
        this.exited = true;
        const end: WorkerEnd = { code: child.pid === undefined ? null : code, signal, stderrTail: [...this.stderrTail.all] };
        if (this.spawnError) end.spawnError = this.spawnError;
        if (this.protocolError) end.protocolError = this.protocolError;
        this.end = end;
        resolve(end);
        this.settle?.({ failure: 'exit', end });
      });
    });
    channel.onMessage((message, raw) => this.receive(message, raw));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** False once the process has exited (or never started). */
  get alive(): boolean {
    return !this.exited && this.child.pid !== undefined;
  }

  /** Sends `message` and waits for the reply, at most `timeoutMs`. One request at a time. */
  request(message: ToWorker, timeoutMs: number): Promise<Answer> {
    if (this.settle) throw new Error(`worker ${this.pid}: a "${message.type}" request was sent while another one waits for its reply`);
    if (this.end) return Promise.resolve({ failure: 'exit', end: this.end });
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle({ failure: 'timeout' }), Math.min(Math.max(timeoutMs, 0), MAX_TIMER_MS));
      const settle = (answer: Answer) => {
        clearTimeout(timer);
        this.settle = undefined;
        resolve(answer);
      };
      this.settle = settle;
      this.channel.send(message);
    });
  }

  /** SIGKILL to the worker's whole process group; `ended` follows. */
  kill(): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    try {
      signalGroup(pid, 'SIGKILL');
    } catch {
      // EPERM: the group id now belongs to someone else's processes, so ours are gone
    }
  }

  private receive(message: unknown, raw: string): void {
    const parsed = FromWorker.safeParse(message);
    const settle = this.settle;
    if (parsed.success && settle) {
      settle({ reply: parsed.data });
      return;
    }
    const shown = (raw || JSON.stringify(message) || String(message)).slice(0, 300);
    this.protocolError ??= parsed.success
      ? `the worker sent a "${parsed.data.type}" reply nobody asked for: ${shown}`
      : `the worker sent a message outside the protocol: ${shown}`;
    this.kill();
  }

  private onExit(): void {
    this.exited = true;
    this.kill();
    // A process that escaped the group may still hold the pipes: stop waiting for it at some point.
    setTimeout(() => {
      for (const stream of this.child.stdio) stream?.destroy();
    }, PIPES_GRACE_MS).unref();
  }
}

function readLines(stream: Readable | null, onLine: (line: string) => void): void {
  if (!stream) return;
  const lines = new LineSplitter(onLine);
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => lines.push(chunk));
  stream.on('end', () => lines.end());
  stream.on('close', () => lines.end());
}
