import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { identityOf } from '../../../src/adapters/compute/local/processes';
import { WorkerPool, type RunOutcome, type WorkerPoolOptions } from '../../../src/parallel/workers/workerPool';
import { eventually } from '../../services/helpers';

/** Test helpers: pools over the entry scripts in test/fixtures/workers, closed after each test. */

export const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'workers');

export interface LoggedLine {
  worker: number;
  stream: 'stdout' | 'stderr';
  line: string;
}

export interface TestPool {
  pool: WorkerPool;
  /** Everything the workers printed, in order. */
  lines: LoggedLine[];
}

const open: WorkerPool[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((pool) => pool.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh temporary folder, removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'workers-'));
  dirs.push(dir);
  return dir;
}

/** A pool over `script` (absolute, or relative to the fixtures folder), its code folder the script's folder. */
export function openPool(script: string, options: Partial<WorkerPoolOptions> = {}): TestPool {
  const entryScript = path.resolve(FIXTURES, script);
  const lines: LoggedLine[] = [];
  const pool = new WorkerPool({
    entryScript, cwd: path.dirname(entryScript), size: 1, argv: [], env: {}, runTimeoutMs: 20_000,
    log: (worker, stream, line) => lines.push({ worker, stream, line }),
    ...options,
  });
  open.push(pool);
  return { pool, lines };
}

/** The results of a successful outcome; fails the test with the outcome's error otherwise. */
export function resultsOf(outcome: RunOutcome): unknown[] {
  if (!outcome.ok) throw new Error(`expected run() to succeed, got ${outcome.kind}: ${outcome.error}`);
  return outcome.results;
}

/** The failure of an outcome; fails the test when it succeeded. */
export function failureOf(outcome: RunOutcome): Extract<RunOutcome, { ok: false }> {
  if (outcome.ok) throw new Error(`expected run() to fail, got results ${JSON.stringify(outcome.results)}`);
  return outcome;
}

/** The match of the first logged line that matches `pattern`, once one has been printed. */
export function printed(lines: readonly LoggedLine[], pattern: RegExp): Promise<RegExpMatchArray> {
  return eventually(`a worker printed a line matching ${pattern}`, async () => lines.map((l) => pattern.exec(l.line)).find((match) => match !== null) ?? undefined);
}

/** Resolves once process `pid` has ended (a SIGKILL is delivered, not waited for, by kill()). */
export async function ended(pid: number): Promise<void> {
  await eventually(`process ${pid} has ended`, async () => (isAlive(pid) ? undefined : true), { timeoutMs: 5_000 });
}

/** Whether `pid` is a process that has not ended (zombies have). */
export function isAlive(pid: number): boolean {
  return identityOf(pid) !== undefined;
}
