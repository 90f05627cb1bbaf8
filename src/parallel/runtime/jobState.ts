import { readFile, writeFile } from 'node:fs/promises';
import { openSecrets } from '../../jobs/jobSecrets';
import { NotFoundError, type ParallelProgress } from '../../model';
import type { ActivityDeps } from '../../activities/deps';
import { countResult, crossedThreshold, emptyTotals, type RunMiniBatchResult, type Totals } from '../contracts';
import { PARALLEL_SYSTEM_FILES } from '../names';
import { parseManifest, type MiniBatchManifest } from '../partition/manifest';
import type { RunOutcome, WorkerPoolOptions } from '../workers/workerPool';
import { writeFileAtomic } from './atomicFile';
import { parallelFolderOf, planFileOf, type ParallelFolder } from './jobFolder';
import { WorkerLogSink } from './logSink';
import { readResults, ResultLog, type MiniBatchRecord } from './results';
import { readSetup, type ParallelSetup } from './setup';
import { Semaphore } from './semaphore';
import { Throttle } from './throttle';

/** What runs mini-batches: the WorkerPool, or a stand-in in tests. */
export interface MiniBatchPool {
  run(items: unknown[]): Promise<RunOutcome>;
  /** Starts the workers ahead of the first mini-batch. */
  warm?(): Promise<void>;
  close(): Promise<void>;
  readonly stats: { busy: number; queued: number };
}

export interface ParallelDeps extends ActivityDeps {
  createPool(options: WorkerPoolOptions): MiniBatchPool;
  /** Where problems of background work (progress writes, log shipping) are reported. */
  warn(message: string): void;
}

type Outcome = Pick<MiniBatchRecord, 'status' | 'items' | 'failed'>;

/**
 * One parallel job as this host process knows it: the set-up and manifest from the job's folder,
 * the latest outcome of every mini-batch, its worker pool (started on first use), the live
 * progress written to the job record at most once a second, and whether it was halted. Any process
 * can load it from the folder, so a restarted host picks the job up where it was.
 */
export class ParallelJobState {
  private readonly outcomes = new Map<number, Outcome>();
  private readonly plans = new Map<string, number[]>();
  private pool_: MiniBatchPool | undefined;
  private readonly progress: Throttle;
  readonly logs: WorkerLogSink;
  private readonly results: ResultLog;
  /** Totals of the mini-batches this process ran in the current plan (the early threshold check). */
  private runTotals: Totals = emptyTotals();
  halted: string | undefined;
  /** Mini-batches handed to the pool at once: as many as it has workers, so a halt stops the rest before they start. */
  readonly turns: Semaphore;

  private constructor(
    private readonly deps: ParallelDeps,
    readonly job: string,
    readonly folder: ParallelFolder,
    readonly setup: ParallelSetup,
    readonly manifest: MiniBatchManifest,
  ) {
    const warn = (what: string) => (err: unknown) => deps.warn(`job ${job}: ${what} failed: ${err instanceof Error ? err.message : String(err)}`);
    this.progress = new Throttle(() => this.writeProgress(), 1_000, warn('updating the progress'));
    this.logs = new WorkerLogSink(deps.artifacts, job, warn('shipping worker logs'));
    this.turns = new Semaphore(setup.workers);
    this.results = new ResultLog(folder);
  }

  static async load(deps: ParallelDeps, job: string): Promise<ParallelJobState> {
    const folder = parallelFolderOf(deps.settings.workRoot, job);
    const setup = await readSetup(folder.setup);
    if (setup === undefined) throw new NotFoundError(`job ${job}: no parallel set-up in ${folder.root}; the job was not prepared on this machine, or its folder was removed`);
    const state = new ParallelJobState(deps, job, folder, setup, await loadManifest(deps, job, folder));
    for (const [id, record] of await readResults(folder)) state.outcomes.set(id, record);
    state.halted = await readFile(folder.halted, 'utf8').catch(() => undefined);
    return state;
  }

  /** The mini-batch id at `pos` of `plan`. */
  async idAt(plan: string, pos: number): Promise<number> {
    if (plan === 'all') return pos;
    let ids = this.plans.get(plan);
    if (ids === undefined) {
      ids = JSON.parse(await readFile(planFileOf(this.folder, plan), 'utf8')) as number[];
      this.plans.set(plan, ids);
    }
    const id = ids[pos];
    if (id === undefined) throw new RangeError(`job ${this.job}: plan ${plan} has ${ids.length} positions, not ${pos + 1}`);
    return id;
  }

  outcome(id: number): Outcome | undefined {
    return this.outcomes.get(id);
  }

  /** Records a mini-batch's outcome (in the job's folder first); halts the job when it makes the run cross a threshold. */
  async noteResult(record: MiniBatchRecord): Promise<void> {
    await this.results.append(record);
    this.outcomes.set(record.id, record);
    this.runTotals = countResult(this.runTotals, toResult(record));
    this.progress.poke();
    const crossed = crossedThreshold(this.runTotals, this.setup);
    if (crossed !== undefined && this.halted === undefined) await this.halt(crossed);
  }

  async halt(reason: string): Promise<void> {
    this.halted = reason;
    await writeFile(this.folder.halted, reason);
  }

  /** The job's worker pool, started on first use with the job's environment (secrets opened from its record). */
  async pool(): Promise<MiniBatchPool> {
    if (this.pool_ !== undefined) return this.pool_;
    const record = await this.deps.jobs.get(this.job);
    if (record === undefined) throw new NotFoundError(`job ${this.job}: no record in the job store`);
    this.pool_ ??= this.createPool(record.spec);
    return this.pool_;
  }

  private createPool(secretsSource: Parameters<typeof openSecrets>[0]): MiniBatchPool {
    return this.deps.createPool({
      entryScript: this.setup.entryScript,
      cwd: this.setup.codeDir,
      size: this.setup.workers,
      argv: this.setup.argv,
      env: {
        ...openSecrets(secretsSource, this.deps.secrets),
        AZUREML_RUN_ID: this.job,
        AZUREML_PARALLEL_LOGGING_LEVEL: this.setup.loggingLevel,
        ...(outputDirOf(this.setup) !== undefined && { AZUREML_PARALLEL_OUTPUT_DIR: outputDirOf(this.setup) }),
        ...(this.setup.modelDir !== undefined && { AZUREML_MODEL_DIR: this.setup.modelDir }),
      },
      runTimeoutMs: this.setup.runTimeoutMs,
      log: (worker, stream, line) => this.logs.line(worker, stream, line),
    });
  }

  /** Totals over the latest outcome of every mini-batch of the job. */
  totals(): Totals {
    let totals = emptyTotals();
    for (const outcome of this.outcomes.values()) totals = countResult(totals, toResult(outcome));
    return totals;
  }

  progressNow(): ParallelProgress {
    const totals = this.totals();
    return {
      miniBatches: { total: this.setup.miniBatches, running: this.pool_?.stats.busy ?? 0, succeeded: totals.miniBatches.succeeded, failed: totals.miniBatches.failed },
      items: totals.items,
    };
  }

  /** Ends the pool (shutdown() in each worker), then ships the last logs and progress. */
  async close(): Promise<void> {
    const pool = this.pool_;
    this.pool_ = undefined;
    await pool?.close();
    await this.results.close();
    await this.logs.flush();
    this.progress.cancel();
  }

  private async writeProgress(): Promise<void> {
    const progress = this.progressNow();
    await this.deps.jobs.update(this.job, (record) => ({ ...record, progress }));
  }
}

/** EntryScript().output_dir: the append_row output's folder, or the first output's. */
function outputDirOf(setup: ParallelSetup): string | undefined {
  return setup.appendRow !== undefined ? setup.outputs[setup.appendRow.output] : Object.values(setup.outputs)[0];
}

function toResult(outcome: Outcome): RunMiniBatchResult {
  return { status: outcome.status, items: outcome.items, failedItems: outcome.failed };
}

/** The manifest from the job's folder, or from blob storage (another machine prepared the job). */
async function loadManifest(deps: ParallelDeps, job: string, folder: ParallelFolder): Promise<MiniBatchManifest> {
  const local = await readFile(folder.manifest).catch(() => undefined);
  if (local !== undefined) return parseManifest(local, folder.manifest);
  const stored = await deps.artifacts.readSystemFile(job, PARALLEL_SYSTEM_FILES.manifest);
  if (stored === undefined) throw new NotFoundError(`job ${job}: its mini-batch manifest is neither in ${folder.manifest} nor in blob storage`);
  await writeFileAtomic(folder.manifest, stored);
  return parseManifest(stored, `${job}/sys/${PARALLEL_SYSTEM_FILES.manifest}`);
}
