import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LogSink } from './logShipper';

export interface LocalComputeOptions {
  /** Receives the runs' output while they run (wired to `ArtifactStore.appendLog`). */
  logSink: LogSink;
  /** Working directories must be inside this directory (after resolving symbolic links). */
  workRoot: string;
  /** The compute name jobs use; default `local`. */
  name?: string;
  /**
   * Run state on disk (see runFiles.ts), shared by every instance — and every restart — of the
   * host that should see the same runs; one host process ships a given run's log at a time.
   * Default `<os.tmpdir()>/durable-jobs-runs`, which a reboot may clear; give a durable path in
   * production.
   */
  runsDir?: string;
  /** How often a run's runner touches its heartbeat; default 1000 ms. */
  heartbeatIntervalMs?: number;
  /** A live runner whose heartbeat is older than this is reported `unresponsive`; default 15 s. */
  heartbeatStaleAfterMs?: number;
  /** Between SIGTERM and SIGKILL on cancel; default 1000 ms, at most 1500 (the tree is gone within 2 s). */
  cancelGraceMs?: number;
  /** How often live output is shipped; default 500 ms. */
  shipIntervalMs?: number;
  /** Largest chunk handed to the log sink; default 1 MiB, at most 4 MiB (an append blob block). */
  shipChunkBytes?: number;
  /**
   * How long the files of a run that ended stay in `runsDir` when nobody removes them with
   * `removeRuns` (its job's orchestration died, say); default 24 hours, at least a minute. Must
   * outlast any host downtime: a run that ended while no host was up is removed this long after
   * it ended, read or not.
   */
  runRetentionMs?: number;
}

export type LocalComputeSettings = Required<LocalComputeOptions>;

export const DEFAULT_RUNS_DIR = path.join(tmpdir(), 'durable-jobs-runs');

/** Options with their defaults; an Error naming the option for a value out of range. */
export function localComputeSettings(options: LocalComputeOptions): LocalComputeSettings {
  const settings: LocalComputeSettings = {
    name: 'local',
    runsDir: DEFAULT_RUNS_DIR,
    heartbeatIntervalMs: 1000,
    heartbeatStaleAfterMs: 15_000,
    cancelGraceMs: 1000,
    shipIntervalMs: 500,
    shipChunkBytes: 1024 * 1024,
    runRetentionMs: 24 * 3_600_000,
    ...definedOnly(options),
    logSink: options.logSink,
    workRoot: options.workRoot,
  };
  const check = (option: keyof LocalComputeSettings, ok: boolean, accepted: string) => {
    if (!ok) throw new Error(`LocalComputeTarget: option ${option} must be ${accepted} (got ${String(settings[option])})`);
  };
  check('workRoot', typeof settings.workRoot === 'string' && path.isAbsolute(settings.workRoot), 'an absolute path');
  check('runsDir', path.isAbsolute(settings.runsDir), 'an absolute path');
  check('heartbeatIntervalMs', isIn(settings.heartbeatIntervalMs, 10, 60_000), 'a number of milliseconds from 10 to 60000');
  check('heartbeatStaleAfterMs', isIn(settings.heartbeatStaleAfterMs, 2 * settings.heartbeatIntervalMs, Infinity), `at least twice heartbeatIntervalMs (${2 * settings.heartbeatIntervalMs})`);
  check('cancelGraceMs', isIn(settings.cancelGraceMs, 0, 1500), 'a number of milliseconds from 0 to 1500');
  check('shipIntervalMs', isIn(settings.shipIntervalMs, 10, 60_000), 'a number of milliseconds from 10 to 60000');
  check('runRetentionMs', isIn(settings.runRetentionMs, 60_000, Number.MAX_SAFE_INTEGER), 'a number of milliseconds of at least 60000');
  check('shipChunkBytes', Number.isInteger(settings.shipChunkBytes) && isIn(settings.shipChunkBytes, 1, 4 * 1024 * 1024), 'a whole number of bytes from 1 to 4194304');
  return settings;
}

function isIn(value: number, min: number, max: number): boolean {
  return typeof value === 'number' && value >= min && value <= max;
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
