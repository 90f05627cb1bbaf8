import { eventually } from '../../services/helpers';
import { describe, expect, it } from 'vitest';
import { ended, failureOf, isAlive, openPool, printed, resultsOf } from './pools';

interface JsInfo { pid: number; initCalls: number }
interface PyInfo { pid: number; init_calls: number }

const info = { info: true };

describe('failures in the user\'s code', () => {
  it('reports a run() that throws as an error with the stack, and keeps the worker', async () => {
    const { pool } = openPool('js/probe.cjs');
    const before = (resultsOf(await pool.run([info]))[0] as JsInfo).pid;

    const failure = failureOf(await pool.run(['/x/a.png', { throw: 'cannot decode image' }]));
    const after = resultsOf(await pool.run([info]))[0] as JsInfo;

    expect(failure).toMatchObject({ kind: 'error', worker: 0 });
    expect(failure.error).toMatch(/^Error: cannot decode image\n {4}at handle \(.*probe\.cjs:\d+:\d+\)/);
    expect(failure.error).not.toContain('jsWorkerMain');
    expect(after).toEqual(expect.objectContaining({ pid: before, initCalls: 1 }));
  });

  it('kills a JavaScript run() that outlives the timeout and replaces its worker, whose init() runs again', async () => {
    const { pool } = openPool('js/probe.cjs', { runTimeoutMs: 300 });
    const first = (resultsOf(await pool.run([info]))[0] as JsInfo).pid;

    const failure = failureOf(await pool.run([{ hang: true }]));
    const next = resultsOf(await pool.run([info]))[0] as JsInfo;

    expect(failure.kind).toBe('timeout');
    expect(failure.error).toBe('run() did not finish within 300 ms; the worker was killed and will be replaced');
    expect(isAlive(first)).toBe(false);
    expect(next.pid).not.toBe(first);
    expect(next.initCalls).toBe(1);
    expect(pool.stats).toMatchObject({ spawned: 2, timedOut: 1, crashed: 0 });
  });

  it('kills a Python run() that outlives the timeout', async () => {
    const { pool } = openPool('python/probe.py', { runTimeoutMs: 300 });
    const first = (resultsOf(await pool.run([{ cmd: 'info' }]))[0] as PyInfo).pid;

    const failure = failureOf(await pool.run([{ cmd: 'hang' }]));

    expect(failure.kind).toBe('timeout');
    expect(isAlive(first)).toBe(false);
    expect(resultsOf(await pool.run([{ cmd: 'info' }]))[0]).toMatchObject({ init_calls: 1 });
  });

  it('kills what the script started along with a timed-out worker', async () => {
    const { pool, lines } = openPool('js/probe.cjs', { runTimeoutMs: 1_000 });

    const outcome = pool.run([{ grandchild: true }]);
    const grandchild = Number((await printed(lines, /^grandchild (\d+)$/))[1]);

    expect(failureOf(await outcome).kind).toBe('timeout');
    await ended(grandchild);
  });

  it('reports a worker that exits during run() as a crash with its exit code and last stderr lines, then replaces it', async () => {
    const { pool, lines } = openPool('js/probe.cjs');
    const first = (resultsOf(await pool.run([info]))[0] as JsInfo).pid;

    const failure = failureOf(await pool.run([{ exit: 3 }]));
    const next = resultsOf(await pool.run([info]))[0] as JsInfo;

    expect(failure.kind).toBe('crash');
    expect(failure.error).toBe('the worker process exited with code 3 during run(); its last stderr lines:\nexiting with 3\nno newline at the end');
    expect(lines).toContainEqual({ worker: 0, stream: 'stderr', line: 'no newline at the end' });
    expect(next.pid).not.toBe(first);
    expect(next.initCalls).toBe(1);
    expect(pool.stats).toMatchObject({ spawned: 2, crashed: 1 });
  });

  it('reports a Python worker that calls os._exit() during run() as a crash, then replaces it', async () => {
    const { pool } = openPool('python/probe.py');

    const failure = failureOf(await pool.run([{ cmd: 'exit', code: 7 }]));

    expect(failure.kind).toBe('crash');
    expect(failure.error).toBe('the worker process exited with code 7 during run(); its last stderr lines:\nabout to exit\nlast words without newline');
    expect(resultsOf(await pool.run([{ cmd: 'info' }]))[0]).toMatchObject({ init_calls: 1 });
  });

  it('reports a worker killed with SIGKILL from outside during run() as a crash naming the signal', async () => {
    const { pool } = openPool('js/probe.cjs');
    const pid = (resultsOf(await pool.run([info]))[0] as JsInfo).pid;

    const outcome = pool.run([{ hang: true }]);
    process.kill(pid, 'SIGKILL');
    const failure = failureOf(await outcome);

    expect(failure.kind).toBe('crash');
    expect(failure.error).toMatch(/^the worker process was killed by SIGKILL \(out of memory, or killed from outside\) during run\(\)/);
    expect(resultsOf(await pool.run(['/x/a.png']))).toEqual(['a.png: done']);
  });

  it('replaces a worker that died while idle on the next run', async () => {
    const { pool } = openPool('python/probe.py');
    const pid = (resultsOf(await pool.run([{ cmd: 'info' }]))[0] as PyInfo).pid;

    process.kill(pid, 'SIGKILL');
    await ended(pid);
    // The pool learns of the death from the child's exit event; a run handed out before that meets the dead worker (a crash the caller retries).
    await eventually('the pool to notice the dead worker', async () => (pool.stats.crashed === 1 ? true : undefined), { timeoutMs: 10_000, intervalMs: 10 });
    const next = resultsOf(await pool.run([{ cmd: 'info' }]))[0] as PyInfo;

    expect(next.pid).not.toBe(pid);
    expect(pool.stats).toMatchObject({ spawned: 2, crashed: 1 });
  });

  it('returns exactly what run() returned, also fewer results than items: judging that is the caller\'s job', async () => {
    const { pool } = openPool('js/shapes.cjs');

    expect(resultsOf(await pool.run(['fewer', 'b', 'c']))).toEqual(['b', 'c']);
    expect(resultsOf(await pool.run(['exact', { row: 1 }, null]))).toEqual(['exact', { row: 1 }, null]);
  });

  it('fails a JavaScript run() that returns something other than an array, naming what it got', async () => {
    const { pool } = openPool('js/shapes.cjs');

    const failure = failureOf(await pool.run(['object']));

    expect(failure).toMatchObject({ kind: 'error', error: 'run() must return an array with one result per mini-batch item; got object' });
  });

  it('fails a JavaScript run() whose results JSON cannot carry, naming where and what', async () => {
    const { pool } = openPool('js/probe.cjs');

    const bigint = failureOf(await pool.run(['/x/a.png', { returns: 'bigint' }]));
    const map = failureOf(await pool.run([{ returns: 'map' }]));

    expect(bigint.error).toBe('run() returned a result that is not JSON: results[1] is a BigInt (10n), which JSON cannot carry; convert it to a number or a string');
    expect(map.error).toBe('run() returned a result that is not JSON: results[0].scores is a Map, which JSON cannot carry; convert it to an array or a plain object');
  });
});

describe('init() failures', () => {
  it('fail the run that started the worker with the stack, and the runs after it at once without a new worker', async () => {
    const { pool, lines } = openPool('js/initFails.cjs');

    const first = failureOf(await pool.run(['a']));
    const second = failureOf(await pool.run(['b']));

    expect(first.kind).toBe('init');
    expect(first.error).toMatch(/^init\(\) failed: Error: model file not found: \/models\/missing\.pkl\n {4}at exports\.init \(.*initFails\.cjs:3:9\)/);
    expect(lines).toContainEqual({ worker: 0, stream: 'stdout', line: 'loading the model' });
    expect(second.kind).toBe('init');
    expect(second.error).toMatch(/^init\(\) failed in worker 0 \d+ s ago, so no new worker is started yet: init\(\) failed: Error: model file not found/);
    expect(pool.stats).toMatchObject({ spawned: 1, initFailed: 1 });
  });

  it('start a new worker for the next run once the cool-down is over', async () => {
    const { pool } = openPool('js/initFails.cjs', { initFailureCooldownMs: 0 });

    failureOf(await pool.run(['a']));
    const second = failureOf(await pool.run(['b']));

    expect(second.error).toMatch(/^init\(\) failed: Error: model file not found/);
    expect(pool.stats).toMatchObject({ spawned: 2, initFailed: 2 });
  });

  it('include an init() that outlives initTimeoutMs', async () => {
    const { pool } = openPool('python/probe.py', { initTimeoutMs: 1, initFailureCooldownMs: 0 });

    const failure = failureOf(await pool.run([{ cmd: 'info' }]));

    expect(failure).toMatchObject({ kind: 'init', error: 'init() did not finish within 1 ms; the worker was killed' });
  });
});
