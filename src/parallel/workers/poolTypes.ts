/** The WorkerPool's options, outcomes and statistics (re-exported by workerPool.ts). */

export interface WorkerPoolOptions {
  /** Absolute path: .py | .js | .mjs | .cjs | .ts | .mts | .cts */
  entryScript: string;
  /** The code folder (snapshot) the script lives in: the workers' working directory. */
  cwd: string;
  /** Worker processes, spawned lazily (when a run finds none free), up to this many. */
  size: number;
  /** program_arguments, already expanded and split into words: the script's argv after its path. */
  argv: string[];
  /** environment_variables, AZUREML_MODEL_DIR, …, on top of the minimal base environment (PATH, HOME, LANG, TMPDIR). */
  env: Record<string, string>;
  /** One run() call; over it the worker is killed (with its process group) and replaced. */
  runTimeoutMs: number;
  /** Loading the script plus init(); default 10 minutes. */
  initTimeoutMs?: number;
  /**
   * After init() fails (throws, times out, or the worker dies in it), runs that would need a new
   * worker fail at once with the same 'init' outcome for this long instead of starting yet another
   * worker; runs go on being served by workers that did start. Default 30 s; 0 retries at once.
   */
  initFailureCooldownMs?: number;
  /** How long close() lets shutdown() run in each worker before killing it; default 30 s. */
  shutdownTimeoutMs?: number;
  /** The user's prints, line by line, per worker slot (0 … size-1). Must not throw. */
  log?: (worker: number, stream: 'stdout' | 'stderr', line: string) => void;
}

/**
 * What became of one run() call. `worker` is the slot (0 … size-1) whose process ran it; a
 * replacement process takes its slot's number. `elapsedMs` is the run() call itself — for 'init',
 * loading the script and init().
 */
export type RunOutcome =
  | { ok: true; results: unknown[]; elapsedMs: number; worker: number }
  | { ok: false; kind: 'error' | 'timeout' | 'crash' | 'init'; error: string; elapsedMs: number; worker: number };

/** A run that did not succeed. */
export type RunFailure = Extract<RunOutcome, { ok: false }>;

export interface WorkerPoolStats {
  /** Worker processes started so far (replacements included). */
  spawned: number;
  /** Workers that ended without being asked to: crashes during a run, or while idle. */
  crashed: number;
  /** Workers killed because a run() outlived runTimeoutMs. */
  timedOut: number;
  /** Workers whose start failed: the script did not load, init() threw or timed out, the process could not start. */
  initFailed: number;
  /** Runs being executed (or waiting for their new worker's init()). */
  busy: number;
  /** Runs waiting for a free worker. */
  queued: number;
}
