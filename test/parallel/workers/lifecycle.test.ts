import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkerPoolClosedError } from '../../../src/parallel/workers/errors';
import { ended, FIXTURES, isAlive, openPool, printed, resultsOf } from './pools';

interface JsInfo { pid: number; initCalls: number; active: number; argv: string[]; cwd: string; env: Record<string, string | undefined> }
interface PyInfo { pid: number; init_calls: number; argv: string[]; cwd: string; env: Record<string, string | null>; path0: string }

const info = { info: true };

describe('worker pool lifecycle', () => {
  it('calls init() once per worker process across 50 runs on 2 workers', async () => {
    const { pool } = openPool('js/probe.cjs', { size: 2 });

    const outcomes = await Promise.all(Array.from({ length: 50 }, () => pool.run([info])));
    const seen = outcomes.map((outcome) => resultsOf(outcome)[0] as JsInfo);

    expect(new Set(seen.map((result) => result.pid)).size).toBe(2);
    expect(seen.every((result) => result.initCalls === 1)).toBe(true);
    expect(pool.stats).toMatchObject({ spawned: 2, crashed: 0, busy: 0, queued: 0 });
  });

  it('starts every worker, init() included, when warmed, and runs on them without starting more', async () => {
    const { pool } = openPool('js/probe.cjs', { size: 2 });

    await pool.warm();
    expect(pool.stats).toMatchObject({ spawned: 2, busy: 0, initFailed: 0 });
    const seen = (await Promise.all(Array.from({ length: 10 }, () => pool.run([info])))).map((outcome) => resultsOf(outcome)[0] as JsInfo);
    await pool.warm(); // nothing left to start

    expect(new Set(seen.map((result) => result.pid)).size).toBe(2);
    expect(seen.every((result) => result.initCalls === 1)).toBe(true);
    expect(pool.stats).toMatchObject({ spawned: 2, crashed: 0 });
  });

  it('never gives a worker a second run while one is in progress', async () => {
    const { pool } = openPool('js/probe.cjs', { size: 2 });

    const runs = Array.from({ length: 20 }, () => pool.run([info]));
    expect(pool.stats).toMatchObject({ busy: 2, queued: 18 });
    const seen = (await Promise.all(runs)).map((outcome) => resultsOf(outcome)[0] as JsInfo);

    expect(seen.map((result) => result.active)).toEqual(Array(20).fill(1));
    expect(new Set(seen.map((result) => result.pid)).size).toBeLessThanOrEqual(2);
  });

  it('reports which worker slot ran each run', async () => {
    const { pool } = openPool('js/probe.cjs', { size: 2 });

    const outcomes = await Promise.all([pool.run([info]), pool.run([info])]);

    expect(outcomes.map((outcome) => outcome.worker).sort()).toEqual([0, 1]);
  });

  it('hands program_arguments as argv, the environment, AZUREML_MODEL_DIR and the code folder to a JavaScript script', async () => {
    const { pool } = openPool('js/probe.cjs', { argv: ['--threshold', '0.5'], env: { GREETING: 'hello', AZUREML_MODEL_DIR: '/models/resnet/1' } });

    const result = resultsOf(await pool.run([info]))[0] as JsInfo;

    expect(result.argv).toEqual([path.join(FIXTURES, 'js', 'probe.cjs'), '--threshold', '0.5']);
    expect(result.env).toEqual({ GREETING: 'hello', AZUREML_MODEL_DIR: '/models/resnet/1' });
    expect(result.cwd).toBe(path.join(FIXTURES, 'js'));
  });

  it('hands program_arguments as sys.argv, the environment, AZUREML_MODEL_DIR and the code folder to a Python script', async () => {
    const { pool } = openPool('python/probe.py', { argv: ['--threshold', '0.5'], env: { GREETING: 'hello', AZUREML_MODEL_DIR: '/models/resnet/1' } });

    const result = resultsOf(await pool.run([{ cmd: 'info' }]))[0] as PyInfo;

    expect(result.argv).toEqual([path.join(FIXTURES, 'python', 'probe.py'), '--threshold', '0.5']);
    expect(result.env).toEqual({ GREETING: 'hello', AZUREML_MODEL_DIR: '/models/resnet/1' });
    expect(result.cwd).toBe(path.join(FIXTURES, 'python'));
    expect(result.path0).toBe(path.join(FIXTURES, 'python'));
    expect(result.init_calls).toBe(1);
  });

  it('passes the user\'s prints to the log by worker and stream, the last line without newline included', async () => {
    const { pool, lines } = openPool('js/probe.cjs');

    resultsOf(await pool.run([{ print: 'scoring batch 1' }]));
    await pool.close();

    expect(lines).toContainEqual({ worker: 0, stream: 'stdout', line: 'scoring batch 1' });
    expect(lines).toContainEqual({ worker: 0, stream: 'stderr', line: 'scoring batch 1 on stderr' });
  });

  it('calls shutdown() in every worker when the pool closes', async () => {
    const { pool, lines } = openPool('python/probe.py', { size: 2 });
    const pids = (await Promise.all([pool.run([{ cmd: 'info' }]), pool.run([{ cmd: 'info' }])])).map((o) => (resultsOf(o)[0] as PyInfo).pid);

    await pool.close();

    const shutdowns = lines.filter((l) => l.line.startsWith('shutdown called in')).map((l) => Number(l.line.split(' ').pop()));
    expect(shutdowns.sort()).toEqual([...pids].sort());
  });

  it('leaves no worker process behind when it closes, nor what a worker started', async () => {
    const { pool, lines } = openPool('js/probe.cjs', { size: 2 });
    const pid = (resultsOf(await pool.run([info]))[0] as JsInfo).pid;
    const hanging = pool.run([{ grandchild: true }]).catch((error: unknown) => error);
    const grandchild = Number((await printed(lines, /^grandchild (\d+)$/))[1]);

    await pool.close();

    expect(await hanging).toBeInstanceOf(WorkerPoolClosedError);
    expect(isAlive(pid)).toBe(false);
    await ended(grandchild);
  });

  it('rejects queued and running runs when it closes, and runs asked for afterwards', async () => {
    const { pool } = openPool('js/probe.cjs');
    const running = pool.run([{ hang: true }]).catch((error: unknown) => error);
    const queued = pool.run([info]).catch((error: unknown) => error);

    await pool.close();

    expect(await running).toBeInstanceOf(WorkerPoolClosedError);
    expect(await queued).toBeInstanceOf(WorkerPoolClosedError);
    await expect(pool.run([info])).rejects.toBeInstanceOf(WorkerPoolClosedError);
  });

  it('lets several pools live side by side in one process', async () => {
    const first = openPool('js/probe.cjs');
    const second = openPool('python/probe.py');

    const [a, b] = await Promise.all([first.pool.run(['/x/a.png']), second.pool.run([{ cmd: 'info' }])]);
    await first.pool.close();

    expect(resultsOf(a)).toEqual(['a.png: done']);
    expect(resultsOf(await second.pool.run([{ cmd: 'info' }]))[0]).toMatchObject({ pid: (resultsOf(b)[0] as PyInfo).pid });
  });
});
