import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WorkerPool } from '../../src/parallel/workers/workerPool';

/**
 * What the worker pool adds to each mini-batch: 10,000 no-op run() calls through a pool of 2
 * workers — all queued at once (how a mini-batch activity feeds it), and one at a time (the round
 * trip) — against the same run() called in a plain in-process loop. JavaScript, and Python when
 * python3 is on the PATH. Goal: ≤ 1 ms of overhead per mini-batch.
 *
 * `node dist/bench/parallel/workerOverhead.js [runs]` after `npm run build`.
 */
export async function workerOverhead(runs = 10_000): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dj-bench-workers-'));
  try {
    await writeFile(path.join(dir, 'noop.cjs'), 'exports.init = () => {};\nexports.run = (miniBatch) => miniBatch;\n');
    await writeFile(path.join(dir, 'noop.py'), 'def init():\n    pass\n\n\ndef run(mini_batch):\n    return mini_batch\n');
    const batch = (i: number) => [`/data/file-${i}.txt`];
    const inProcess = await inProcessLoop(runs, batch);
    console.log(`Worker pool overhead (${runs.toLocaleString('en')} no-op run() calls, 2 workers)`);
    console.log(line('in-process loop (baseline)', inProcess, runs));
    const languages = [{ label: 'JavaScript', script: 'noop.cjs' }];
    if (hasPython3()) languages.push({ label: 'Python', script: 'noop.py' });
    else console.log('  (python3 not on the PATH: Python workers not measured)');
    for (const { label, script } of languages) {
      const pool = new WorkerPool({ entryScript: path.join(dir, script), cwd: dir, size: 2, argv: [], env: {}, runTimeoutMs: 60_000 });
      try {
        await Promise.all([pool.run(batch(0)), pool.run(batch(1))]); // both workers started and init() done
        const queued = await timed(() => Promise.all(Array.from({ length: runs }, (_, i) => pool.run(batch(i)).then(expectOk))));
        const oneAtATime = await timed(async () => {
          for (let i = 0; i < runs; i++) expectOk(await pool.run(batch(i)));
        });
        console.log(line(`${label}, all queued at once`, queued, runs, inProcess));
        console.log(line(`${label}, one at a time`, oneAtATime, runs, inProcess));
      } finally {
        await pool.close();
      }
    }
    console.log('  (goal: ≤ 1 ms overhead per mini-batch)');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function inProcessLoop(runs: number, batch: (i: number) => string[]): Promise<number> {
  const run = async (miniBatch: string[]) => miniBatch;
  return timed(async () => {
    for (let i = 0; i < runs; i++) JSON.parse(JSON.stringify(await run(batch(i))));
  });
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

function expectOk(outcome: Awaited<ReturnType<WorkerPool['run']>>): void {
  if (!outcome.ok) throw new Error(`a no-op run failed (${outcome.kind}): ${outcome.error}`);
}

function hasPython3(): boolean {
  return spawnSync('python3', ['--version'], { stdio: 'ignore' }).status === 0;
}

function line(label: string, ms: number, runs: number, baselineMs?: number): string {
  const perRun = `${((ms * 1000) / runs).toFixed(1).padStart(8)} µs/run`;
  const overhead = baselineMs === undefined ? '' : `  overhead ${(((ms - baselineMs) * 1000) / runs).toFixed(1).padStart(7)} µs/run`;
  return `  ${label.padEnd(32)} ${(ms / 1000).toFixed(2).padStart(7)} s ${perRun}${overhead}`;
}

if (require.main === module) {
  workerOverhead(Number(process.argv[2] ?? 10_000)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exitCode = 1;
  });
}
