import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { LocalComputeTarget, type LocalComputeOptions } from '../../../src/adapters/compute/local';
import type { RunState } from '../../../src/ports';
import { eventually } from '../../support/hostProcess';
import { MemorySink } from './memorySink';

export const LOG = 'user_logs/std_log.txt';

/** pids.json as the runner writes it; an identity is `<boot id>/<start time>`. */
export interface RecordedPids {
  runner: { pid: number; identity: string };
  command: { pid: number; identity: string };
}

export interface StartedRun {
  runId: string;
  job: string;
  workingDir: string;
}

/**
 * Per test: a temp work root and runs directory, a MemorySink, and targets on them. After each
 * test every run it started is canceled and every target closed; a runner or command process
 * still alive after that fails the test (and is killed), so no test leaves processes behind.
 */
export class ComputeHarness {
  root = '';
  workRoot = '';
  runsDir = '';
  sink = new MemorySink();
  private readonly targets: LocalComputeTarget[] = [];
  private readonly runs: StartedRun[] = [];

  static use(): ComputeHarness {
    const harness = new ComputeHarness();
    beforeEach(() => harness.setUp());
    afterEach(() => harness.tearDown());
    return harness;
  }

  target(options: Partial<LocalComputeOptions> = {}): LocalComputeTarget {
    const target = new LocalComputeTarget({ logSink: this.sink.sink, workRoot: this.workRoot, runsDir: this.runsDir, shipIntervalMs: 50, ...options });
    this.targets.push(target);
    return target;
  }

  async workDir(name = `wd-${randomUUID().slice(0, 8)}`): Promise<string> {
    const dir = path.join(this.workRoot, name);
    await mkdir(dir, { recursive: true });
    return dir;
  }

  async start(target: LocalComputeTarget, command: string, environment: Record<string, string> = {}, workingDir?: string): Promise<StartedRun> {
    const job = `job-${randomUUID().slice(0, 8)}`;
    const dir = workingDir ?? (await this.workDir());
    const { runId } = await target.start({ job, command, workingDir: dir, environment, logName: LOG });
    return this.track({ runId, job, workingDir: dir });
  }

  /** Has a run started without start() cleaned up after the test too. */
  track(run: StartedRun): StartedRun {
    this.runs.push(run);
    return run;
  }

  runFile(runId: string, name: string): string {
    return path.join(this.runsDir, runId, name);
  }

  pids(runId: string): RecordedPids {
    return JSON.parse(readFileSync(this.runFile(runId, 'pids.json'), 'utf8')) as RecordedPids;
  }

  private async setUp(): Promise<void> {
    this.root = await mkdtemp(path.join(tmpdir(), 'dj-compute-'));
    this.workRoot = path.join(this.root, 'work');
    this.runsDir = path.join(this.root, 'runs');
    await mkdir(this.workRoot);
    this.sink = new MemorySink();
  }

  private async tearDown(): Promise<void> {
    const cleaner = new LocalComputeTarget({ logSink: async () => undefined, workRoot: this.workRoot, runsDir: this.runsDir });
    try {
      const leftovers = [];
      for (const run of this.runs.splice(0)) leftovers.push(...(await this.endRun(cleaner, run)));
      if (leftovers.length > 0) throw new Error(`processes left behind: ${leftovers.join(', ')}`);
    } finally {
      await Promise.all([cleaner, ...this.targets.splice(0)].map((target) => target.close()));
      await rm(this.root, { recursive: true, force: true });
    }
  }

  /** Cancels the run, then kills (and names) its runner or command if either is still there. */
  private async endRun(cleaner: LocalComputeTarget, run: StartedRun): Promise<string[]> {
    const pids = await readFile(this.runFile(run.runId, 'pids.json'), 'utf8').then(JSON.parse).catch(() => undefined) as RecordedPids | undefined;
    if (pids) signal(pids.runner.pid, 'SIGCONT'); // a test may have stopped it
    await cleaner.cancel(run.runId, 'test cleanup').catch(() => undefined);
    const leftovers: string[] = [];
    for (const [what, { pid, identity }] of pids ? [['runner', pids.runner], ['command', pids.command]] as const : []) {
      const stillOurs = () => processExists(pid) && startTimeOf(pid) === identity.split('/')[1];
      const gone = await eventually(async () => (stillOurs() ? undefined : true), `${what} ${pid} to end`, 3000).catch(() => false);
      if (!gone) {
        leftovers.push(`${what} of ${run.runId} (pid ${pid})`);
        signal(pid, 'SIGKILL');
      }
    }
    return leftovers;
  }
}

/** Polls the run until `accept` says yes; the last state is in the timeout message. */
export async function pollUntil(target: LocalComputeTarget, runId: string, accept: (state: RunState) => boolean, what: string, timeoutMs = 10_000): Promise<RunState> {
  let last: RunState | undefined;
  try {
    return await eventually(async () => {
      last = await target.poll(runId);
      return accept(last) ? last : undefined;
    }, what, timeoutMs);
  } catch (error) {
    throw new Error(`${(error as Error).message}; last state: ${JSON.stringify(last)}`, { cause: error });
  }
}

export const hasEnded = (state: RunState) => state.state === 'exited' || state.state === 'lost';

/** True while `pid` is a process that has not ended (zombies count as ended). Independent of src/. */
export function processExists(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

export function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}
