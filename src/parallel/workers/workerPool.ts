import { performance } from 'node:perf_hooks';
import { baseEnvironment } from '../../adapters/compute/local/environment';
import { languageOf, type WorkerLanguage } from './entryScript';
import { WorkerPoolClosedError } from './errors';
import { endText } from './failureText';
import { Fifo } from './fifo';
import { InitFailureMemory } from './initFailureMemory';
import { spawnWorker } from './spawnWorker';
import { trimText } from './trimText';
import type { RunFailure, RunOutcome, WorkerPoolOptions, WorkerPoolStats } from './poolTypes';
import { WorkerProcess, type Answer } from './workerProcess';

export type { RunFailure, RunOutcome, WorkerPoolOptions, WorkerPoolStats } from './poolTypes';

interface Slot {
  readonly index: number;
  /** From spawn (init included) until the process ends. */
  worker: WorkerProcess | undefined;
  busy: boolean;
}

interface PendingRun {
  items: unknown[];
  resolve(outcome: RunOutcome): void;
  reject(error: Error): void;
}

const DEFAULT_INIT_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_INIT_FAILURE_COOLDOWN_MS = 30_000;
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 30_000;
/** After shutdown() answered, how long a worker gets to exit on its own before it is killed. */
const EXIT_GRACE_MS = 5_000;

/**
 * A pool of worker processes that run one entry script: each process loads it and calls init()
 * once, then run(items) for every mini-batch it is given — one at a time — and shutdown() (if
 * defined) when the pool closes. Failures of the user's code are outcomes, never rejections;
 * the caller decides what they mean for the mini-batch (retry, count, fail the job).
 */
export class WorkerPool {
  private readonly language: WorkerLanguage;
  private readonly env: Record<string, string>;
  private readonly slots: Slot[];
  private readonly queue = new Fifo<PendingRun>();
  private readonly counts = { spawned: 0, crashed: 0, timedOut: 0, initFailed: 0 };
  private readonly initFailures: InitFailureMemory;
  private closing: Promise<void> | undefined;
  private nextRunId = 1;

  constructor(private readonly options: WorkerPoolOptions) {
    this.language = languageOf(options.entryScript);
    if (!Number.isInteger(options.size) || options.size < 1) throw new RangeError(`WorkerPool: size must be a whole number ≥ 1 (got ${options.size})`);
    if (!(options.runTimeoutMs > 0)) throw new RangeError(`WorkerPool: runTimeoutMs must be more than 0 (got ${options.runTimeoutMs})`);
    this.env = { ...baseEnvironment(), ...options.env };
    this.initFailures = new InitFailureMemory(options.initFailureCooldownMs ?? DEFAULT_INIT_FAILURE_COOLDOWN_MS);
    this.slots = Array.from({ length: options.size }, (_, index) => ({ index, worker: undefined, busy: false }));
  }

  get stats(): WorkerPoolStats {
    return { ...this.counts, busy: this.slots.filter((slot) => slot.busy).length, queued: this.queue.size };
  }

  /** Runs run(items) on a free worker (queues when all are busy); never rejects for user errors. */
  run(items: unknown[]): Promise<RunOutcome> {
    if (this.closing) return Promise.reject(new WorkerPoolClosedError());
    return new Promise((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      this.dispatch();
    });
  }

  /**
   * Calls shutdown() (if defined) in each idle worker, then ends every worker and whatever its
   * script started. Runs still queued reject with WorkerPoolClosedError; runs in progress are
   * stopped (their workers killed) and reject the same way. Resolves when no worker process is
   * left. Calling it again returns the same promise.
   */
  close(): Promise<void> {
    this.closing ??= this.closeAll();
    return this.closing;
  }

  private async closeAll(): Promise<void> {
    for (const pending of this.queue.drain()) pending.reject(new WorkerPoolClosedError('the worker pool was closed before the run started'));
    await Promise.all(this.slots.map((slot) => this.endWorker(slot)));
  }

  private async endWorker(slot: Slot): Promise<void> {
    const worker = slot.worker;
    if (!worker) return;
    if (!slot.busy && worker.alive) {
      const answer = await worker.request({ type: 'shutdown' }, this.options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS);
      if ('reply' in answer) await settlesWithin(worker.ended, EXIT_GRACE_MS);
    }
    worker.kill();
    await worker.ended;
  }

  private dispatch(): void {
    while (this.queue.size > 0 && !this.closing) {
      // An idle worker first; else an empty slot. A slot whose process has exited but is not yet
      // fully read waits: its `ended` handler empties it and dispatches again.
      const slot = this.slots.find((s) => !s.busy && s.worker?.alive) ?? this.slots.find((s) => !s.busy && !s.worker);
      if (!slot) return;
      const held = slot.worker ? undefined : this.initFailures.held();
      if (held) {
        if (this.slots.some((s) => s.worker)) return; // the workers that did start will take the queue
        for (const pending of this.queue.drain()) pending.resolve({ ok: false, kind: 'init', error: held.error, elapsedMs: 0, worker: held.worker });
        return;
      }
      void this.execute(slot, this.queue.take() as PendingRun);
    }
  }

  private async execute(slot: Slot, pending: PendingRun): Promise<void> {
    slot.busy = true;
    try {
      const outcome = slot.worker ? await this.runOn(slot, slot.worker, pending.items) : await this.startThenRun(slot, pending.items);
      if (this.closing && !outcome.ok) pending.reject(new WorkerPoolClosedError(`the worker pool was closed while the run was in progress (${outcome.kind})`));
      else pending.resolve(outcome);
    } catch (error) {
      pending.reject(error instanceof Error ? error : new Error(String(error)));
    } finally {
      slot.busy = false;
      this.dispatch();
    }
  }

  /**
   * Starts the workers not running yet — each loads the entry script and runs init() — without
   * running anything, so that the first mini-batches do not wait for them (a job warms its pool
   * while it is queued). A start that fails is remembered like one made by a run.
   */
  async warm(): Promise<void> {
    if (this.closing) return;
    await Promise.all(this.slots.filter((slot) => !slot.busy && !slot.worker).map((slot) => this.startIdle(slot)));
  }

  private async startIdle(slot: Slot): Promise<void> {
    slot.busy = true;
    try {
      await this.startWorker(slot);
    } finally {
      slot.busy = false;
      this.dispatch();
    }
  }

  private async startThenRun(slot: Slot, items: unknown[]): Promise<RunOutcome> {
    const started = await this.startWorker(slot);
    return 'worker' in started ? this.runOn(slot, started.worker, items) : started.failure;
  }

  /** Spawns the slot's worker and has it load the entry script and run init(). */
  private async startWorker(slot: Slot): Promise<{ worker: WorkerProcess } | { failure: RunOutcome }> {
    const started = performance.now();
    let worker: WorkerProcess;
    try {
      worker = this.spawn(slot);
    } catch (error) {
      return { failure: this.initFailed(slot, `cannot start a worker: ${(error as Error).message}`, started) };
    }
    const answer = await worker.request({ type: 'start', entryScript: this.options.entryScript, argv: this.options.argv }, this.options.initTimeoutMs ?? DEFAULT_INIT_TIMEOUT_MS);
    if ('reply' in answer && answer.reply.type === 'started' && answer.reply.error === undefined) {
      this.initFailures.forget();
      return { worker };
    }
    return { failure: this.initFailed(slot, await this.initFailureText(worker, answer), started) };
  }

  private initFailed(slot: Slot, text: string, started: number): RunOutcome {
    const error = trimText(text);
    if (!this.closing) {
      this.counts.initFailed++;
      this.initFailures.remember(slot.index, error);
    }
    return { ok: false, kind: 'init', error, elapsedMs: performance.now() - started, worker: slot.index };
  }

  private async initFailureText(worker: WorkerProcess, answer: Answer): Promise<string> {
    worker.kill();
    const end = await worker.ended;
    if ('reply' in answer) return answer.reply.type === 'started' && answer.reply.error !== undefined ? answer.reply.error : `the worker answered "${answer.reply.type}" to its start`;
    if (answer.failure === 'timeout') return `init() did not finish within ${this.options.initTimeoutMs ?? DEFAULT_INIT_TIMEOUT_MS} ms; the worker was killed`;
    return endText(end, 'loading the entry script and init()', this.workerContext());
  }

  private spawn(slot: Slot): WorkerProcess {
    const { child, channel } = spawnWorker(this.language, this.options.cwd, this.env);
    const log = this.options.log;
    const worker = new WorkerProcess(child, channel, log ? (stream, line) => log(slot.index, stream, line) : () => {});
    this.counts.spawned++;
    slot.worker = worker;
    void worker.ended.then(() => {
      if (slot.worker !== worker) return;
      slot.worker = undefined;
      if (slot.busy || this.closing) return; // the run or close() waiting on it reports the end
      this.counts.crashed++; // died while idle; the next run starts a new one
      this.dispatch();
    });
    return worker;
  }

  private async runOn(slot: Slot, worker: WorkerProcess, items: unknown[]): Promise<RunOutcome> {
    const id = this.nextRunId++;
    const started = performance.now();
    const answer = await worker.request({ type: 'run', id, items }, this.options.runTimeoutMs);
    const elapsedMs = performance.now() - started;
    if ('reply' in answer && answer.reply.type === 'ran' && answer.reply.id === id) {
      const reply = answer.reply;
      return 'results' in reply
        ? { ok: true, results: reply.results, elapsedMs, worker: slot.index }
        : { ok: false, kind: 'error', error: trimText(reply.error), elapsedMs, worker: slot.index };
    }
    return { ...(await this.lostRun(worker, answer)), elapsedMs, worker: slot.index };
  }

  /** The run got no usable reply: the worker timed out, died, or answered out of turn. It is gone after this. */
  private async lostRun(worker: WorkerProcess, answer: Answer): Promise<Pick<RunFailure, 'ok' | 'kind' | 'error'>> {
    worker.kill();
    const end = await worker.ended;
    if ('failure' in answer && answer.failure === 'timeout') {
      this.counts.timedOut++;
      return { ok: false, kind: 'timeout', error: `run() did not finish within ${this.options.runTimeoutMs} ms; the worker was killed and will be replaced` };
    }
    if (!this.closing) this.counts.crashed++;
    const text = 'reply' in answer ? `the worker answered "${answer.reply.type}" to a run` : endText(end, 'run()', this.workerContext());
    return { ok: false, kind: 'crash', error: trimText(text) };
  }

  private workerContext(): { language: WorkerLanguage; cwd: string; env: Record<string, string> } {
    return { language: this.language, cwd: this.options.cwd, env: this.env };
  }
}

/** Whether `promise` settled within `ms`; the timer does not outlive it. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), ms); });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
