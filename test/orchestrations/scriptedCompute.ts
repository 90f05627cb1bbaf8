import type { ComputeTarget, RunRequest, RunState } from '../../src/ports';

/**
 * A ComputeTarget whose runs follow a script per job: how many polls until the command exits,
 * with which code, when heartbeats go stale, whether the run is lost. Records what it was asked,
 * so tests can check the orchestration's calls (starts, cancels, how many ran at once).
 */

export interface RunScript {
  /** Polls answered `running` before the run exits; Infinity = runs until canceled. Default 2. */
  pollsUntilExit?: number;
  exitCode?: number;
  /** Polls (1-based, inclusive range) answered `unresponsive`. */
  staleFrom?: number;
  staleTo?: number;
  /** Answer `lost` at this poll. */
  lostAt?: number;
  /** `start` throws this message. */
  startFails?: string;
  /** Written to the job's log when the run exits. */
  log?: string;
  /** What the command does to the files it was given, run once as it exits. */
  atExit?: (request: RunRequest) => Promise<void>;
  /**
   * When the compute tells the caller that the command ended (start's `onExit`): while `start`
   * runs (the command ended at once), or 100 ms (real time) after it returned — the command then
   * runs until that moment, whatever `pollsUntilExit` says. Default: never (poll only).
   */
  tellsExit?: 'during-start' | 'after-start';
}

/** How long a run scripted `tellsExit: 'after-start'` runs, in real time. */
const TOLD_EXIT_AFTER_MS = 100;

interface Run {
  readonly runId: string;
  readonly request: RunRequest;
  readonly script: RunScript;
  polls: number;
  canceled?: string;
  exited: boolean;
  /** Set when the compute told the caller that the command ended (`tellsExit: 'after-start'`). */
  toldExit?: boolean;
}

export type LogSink = (job: string, logName: string, chunk: Buffer) => Promise<unknown>;

export class ScriptedCompute implements ComputeTarget {
  readonly runs = new Map<string, Run>();
  readonly scripts = new Map<string, RunScript>();
  /** Job names, one per `start` call. */
  readonly startCalls: string[] = [];
  private running = 0;
  maxRunningAtOnce = 0;

  constructor(private readonly sink: LogSink, readonly name = 'local') {}

  script(job: string, script: RunScript): void {
    this.scripts.set(job, script);
  }

  runsOf(job: string): Run[] {
    return [...this.runs.values()].filter((run) => run.request.job === job);
  }

  async start(request: RunRequest, onExit?: () => void): Promise<{ runId: string }> {
    this.startCalls.push(request.job);
    const script = this.scripts.get(request.job) ?? {};
    if (script.startFails) throw new Error(script.startFails);
    const runId = `${request.job}-run${this.runs.size + 1}`;
    this.runs.set(runId, { runId, request, script, polls: 0, exited: false });
    this.running++;
    this.maxRunningAtOnce = Math.max(this.maxRunningAtOnce, this.running);
    if (script.tellsExit === 'during-start') onExit?.();
    if (script.tellsExit === 'after-start') {
      setTimeout(() => {
        this.runs.get(runId)!.toldExit = true;
        onExit?.();
      }, TOLD_EXIT_AFTER_MS);
    }
    return { runId };
  }

  async poll(runId: string): Promise<RunState> {
    const run = this.runs.get(runId);
    if (!run) throw new Error(`no run ${runId}`);
    run.polls++;
    const { script } = run;
    if (run.canceled !== undefined) return this.exit(run, 143, 'SIGTERM');
    if (script.lostAt !== undefined && run.polls >= script.lostAt) {
      this.end(run);
      return { state: 'lost', reason: 'the runner vanished' };
    }
    const ended = script.tellsExit === 'after-start' ? run.toldExit === true : run.polls > (script.pollsUntilExit ?? 2);
    if (ended) return this.exit(run, script.exitCode ?? 0);
    const stale = script.staleFrom !== undefined && run.polls >= script.staleFrom && run.polls <= (script.staleTo ?? Infinity);
    return { state: stale ? 'unresponsive' : 'running', pid: 1234, lastHeartbeat: new Date().toISOString() };
  }

  async cancel(runId: string, reason: string): Promise<void> {
    const run = this.runs.get(runId);
    if (run && !run.exited) {
      run.canceled = reason;
      this.end(run);
    }
  }

  private async exit(run: Run, exitCode: number, signal?: string): Promise<RunState> {
    if (!run.exited && run.script.log !== undefined) await this.sink(run.request.job, run.request.logName, Buffer.from(run.script.log));
    if (!run.exited && run.script.atExit !== undefined) await run.script.atExit(run.request);
    this.end(run);
    return { state: 'exited', exitCode, ...(signal !== undefined && { signal }), endedAt: new Date().toISOString() };
  }

  private end(run: Run): void {
    if (!run.exited) this.running--;
    run.exited = true;
  }
}
