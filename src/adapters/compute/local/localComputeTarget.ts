import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ValidationError } from '../../../model/errors';
import { JobName } from '../../../model/names';
import type { ComputeTarget, RunRequest, RunState } from '../../../ports';
import { cancelRun, killLeftovers } from './cancelRun';
import { runEnvironment } from './environment';
import { launchRunner } from './launch';
import { LogShipper } from './logShipper';
import { localComputeSettings, type LocalComputeOptions, type LocalComputeSettings } from './options';
import { RunFiles } from './runFiles';
import { listRuns, removeRunFiles, runEndedAt } from './runRetention';
import { exitedState, liveState, lostState, observeRun } from './runStatus';
import { resolveWorkingDir } from './workingDir';

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/**
 * Runs commands as detached processes on this machine (POSIX only). Every run is a directory
 * under `runsDir` (layout in runFiles.ts) and a runner process (runner.js) that owns the command,
 * so runs survive the host: a new instance with the same `runsDir` — after a crash or a restart —
 * answers `poll` and `cancel` for them and resumes shipping their output where the last one
 * stopped. `poll` reports `exited` only once the whole log has reached the LogSink.
 *
 * A run's folder is removed by `removeRuns` once its job is done with it, or by a sweep (on first
 * use, then every hour at most) `runRetentionMs` after the run ended; never while it runs.
 *
 * Not contained: a process that leaves the command's process group (setsid) escapes cancel, and
 * nothing limits CPU or memory. Concurrency limits are the orchestrator's.
 */
export class LocalComputeTarget implements ComputeTarget {
  readonly name: string;
  readonly runsDir: string;
  private readonly settings: LocalComputeSettings;
  private readonly shippers = new Map<string, LogShipper>();
  private sweeps: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(options: LocalComputeOptions) {
    if (process.platform === 'win32') throw new Error('LocalComputeTarget needs a POSIX system (process groups, /bin/sh)');
    this.settings = localComputeSettings(options);
    this.name = this.settings.name;
    this.runsDir = this.settings.runsDir;
  }

  /** `onExit` is called when the run's runner exits, if this instance started it and still lives. */
  async start(request: RunRequest, onExit?: () => void): Promise<{ runId: string }> {
    this.assertOpen();
    this.scheduleSweeps();
    const issues = [
      ...(JobName.safeParse(request.job).success ? [] : [{ path: 'job', message: `"${request.job}" is not a job name` }]),
      ...(typeof request.logName === 'string' && request.logName !== '' ? [] : [{ path: 'logName', message: 'must name the log the output goes to' }]),
    ];
    if (issues.length > 0) throw new ValidationError(issues, { summary: 'cannot run the command' });
    const workingDir = await resolveWorkingDir(request.workingDir, this.settings.workRoot);
    const environment = runEnvironment(request.environment);
    const run = await this.createRun(request.job);
    const meta = { runId: run.runId, job: request.job, logName: request.logName, workingDir, createdAt: new Date().toISOString() };
    await run.writeMeta(meta);
    try {
      await launchRunner(run.dir, {
        command: request.command, workingDir, environment,
        heartbeatMs: this.settings.heartbeatIntervalMs, graceMs: this.settings.cancelGraceMs,
      }, onExit);
    } catch (error) {
      const pids = await run.pids().catch(() => undefined);
      if (pids) await killLeftovers(pids);
      throw error;
    }
    await this.shipperFor(run);
    return { runId: run.runId };
  }

  async poll(runId: string): Promise<RunState> {
    this.assertOpen();
    this.scheduleSweeps();
    const run = this.open(runId);
    const observed = await observeRun(run);
    switch (observed.kind) {
      case 'exited':
        await this.finishShipping(run);
        return exitedState(observed.exit);
      case 'alive': {
        await this.shipperFor(run);
        const heartbeat = observed.lastHeartbeat ?? new Date((await run.meta()).createdAt);
        return liveState(observed.pids, heartbeat, this.settings.heartbeatStaleAfterMs, new Date());
      }
      case 'gone': {
        const killed = observed.pids ? await killLeftovers(observed.pids) : false;
        await this.finishShipping(run);
        return lostState(run, observed.pids, killed, (await run.cancelRequest())?.reason);
      }
    }
  }

  async cancel(runId: string, reason: string): Promise<void> {
    this.assertOpen();
    const run = this.open(runId);
    await run.meta();
    await cancelRun(run, reason, this.settings.cancelGraceMs);
  }

  /**
   * The job is done with its runs: removes the folders of those that have ended, once the rest of
   * their output is shipped (a sink that fails rejects, and that run is kept). A run still going
   * is left alone; the sweep removes it `runRetentionMs` after it ends.
   */
  async removeRuns(job: string): Promise<void> {
    this.assertOpen();
    for (const run of await listRuns(this.runsDir, `${job.slice(0, 100)}-`)) {
      const meta = await run.meta().catch(() => undefined);
      if (meta?.job !== job || (await runEndedAt(run)) === undefined) continue;
      await this.finishShipping(run);
      await this.forget(run);
    }
  }

  /** Removes the folders of runs that ended at least `runRetentionMs` before `now`; returns their run ids. */
  async sweep(now = new Date()): Promise<string[]> {
    const removed: string[] = [];
    for (const run of await listRuns(this.runsDir)) {
      const endedAt = await runEndedAt(run).catch(() => undefined); // unreadable files: kept, for a person to look at
      if (endedAt === undefined || now.getTime() - endedAt.getTime() < this.settings.runRetentionMs) continue;
      await this.forget(run);
      removed.push(run.runId);
    }
    return removed;
  }

  /**
   * Stops shipping and lets go of every run without touching them — what a host does as it shuts
   * down; a later instance re-attaches. Resolves once appends in flight are done and recorded.
   */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeps);
    const shippers = [...this.shippers.values()];
    this.shippers.clear();
    await Promise.all(shippers.map((shipper) => shipper.stop()));
  }

  private async createRun(job: string): Promise<RunFiles> {
    await mkdir(this.runsDir, { recursive: true, mode: 0o700 });
    for (let attempt = 0; ; attempt++) {
      const runId = `${job.slice(0, 100)}-${randomBytes(6).toString('hex')}`;
      const run = new RunFiles(runId, path.join(this.runsDir, runId));
      try {
        await mkdir(run.dir, { mode: 0o700 });
        return run;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 5) throw error;
      }
    }
  }

  /** Sweeps now, then every quarter of the retention period (from a minute to an hour); failures wait for the next sweep. */
  private scheduleSweeps(): void {
    if (this.sweeps !== undefined) return;
    const sweep = () => void this.sweep().catch(() => undefined);
    this.sweeps = setInterval(sweep, Math.min(3_600_000, Math.max(60_000, this.settings.runRetentionMs / 4))).unref();
    sweep();
  }

  private async forget(run: RunFiles): Promise<void> {
    const shipper = this.shippers.get(run.runId);
    this.shippers.delete(run.runId);
    await shipper?.stop();
    await removeRunFiles(run);
  }

  private open(runId: string): RunFiles {
    if (!RUN_ID.test(runId)) {
      throw new ValidationError([{ path: 'runId', message: `"${runId}" is not a run id of this compute` }], { summary: `compute ${this.name}` });
    }
    return new RunFiles(runId, path.join(this.runsDir, runId));
  }

  /** The shipper following `run`, started if this instance has none (re-attach). */
  private async shipperFor(run: RunFiles): Promise<LogShipper> {
    const existing = this.shippers.get(run.runId);
    if (existing) return existing;
    const shipper = new LogShipper(run, await run.meta(), this.settings.logSink, {
      intervalMs: this.settings.shipIntervalMs, chunkBytes: this.settings.shipChunkBytes,
    });
    if (this.shippers.has(run.runId)) return this.shippers.get(run.runId) as LogShipper; // a concurrent call won
    this.shippers.set(run.runId, shipper);
    const isFinal = async () => (await observeRun(run)).kind !== 'alive';
    shipper.follow(isFinal, () => this.shippers.delete(run.runId));
    return shipper;
  }

  /** Ships the rest of a run that has ended; rejects with the cause when the sink fails. */
  private async finishShipping(run: RunFiles): Promise<void> {
    const shipper = await this.shipperFor(run);
    try {
      await shipper.drain();
    } catch (error) {
      throw new Error(`compute ${this.name}: cannot ship the output of run ${run.runId} to its log: ${(error as Error).message}`, { cause: error });
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`compute ${this.name}: this LocalComputeTarget is closed`);
  }
}
