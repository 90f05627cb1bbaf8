import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { failureOf, openPool, resultsOf, tempDir } from './pools';

describe('Python entry scripts', () => {
  it('gets a list of file paths for file input and returns one result per file', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'a.txt'), 'one two three');
    await writeFile(path.join(dir, 'b.txt'), 'four');
    const { pool } = openPool('python/probe.py');

    const outcome = await pool.run([path.join(dir, 'a.txt'), path.join(dir, 'b.txt')]);

    expect(resultsOf(outcome)).toEqual(['a.txt: 3 words', 'b.txt: 1 words']);
  });

  it('gets a list of row dicts for tabular input', async () => {
    const { pool } = openPool('python/probe.py');

    const outcome = await pool.run([{ id: 1, price: 2.5, quantity: 4 }, { id: 2, price: 1, quantity: 0 }]);

    expect(resultsOf(outcome)).toEqual([{ id: 1, total: 10 }, { id: 2, total: 0 }]);
  });

  it('turns a returned pandas DataFrame into row lists, missing values as null', async () => {
    const { pool } = openPool('python-dataframe/score.py');

    const outcome = await pool.run([{ id: 1, score: 0.5 }, { id: 2 }]);

    expect(resultsOf(outcome)).toEqual([[1, 0.5], [2, null]]);
  });

  it('accepts a tuple as the list of results', async () => {
    const { pool } = openPool('python/shapes.py');

    expect(resultsOf(await pool.run(['tuple', 'b']))).toEqual(['tuple', 'b']);
  });

  it('fails a run that returns a dict, naming the type it got', async () => {
    const { pool } = openPool('python/shapes.py');

    const failure = failureOf(await pool.run(['dict']));

    expect(failure.kind).toBe('error');
    expect(failure.error).toBe('run() must return a list (or a pandas DataFrame) with one result per mini-batch item; got dict');
  });

  it('fails a run whose results JSON cannot carry, naming the result and its type', async () => {
    const { pool } = openPool('python/probe.py');

    const set = failureOf(await pool.run([{ cmd: 'return', what: 'set' }]));
    const nan = failureOf(await pool.run([{ id: 1, price: 1, quantity: 1 }, { cmd: 'return', what: 'nan' }]));

    expect(set.error).toBe('run() returned a result that is not JSON: results[0] holds a set, which JSON cannot carry');
    expect(nan.error).toBe('run() returned a result that is not JSON: results[1] holds NaN or Infinity, which JSON cannot carry');
  });

  it('reports an exception in run() with the traceback of the user\'s code only', async () => {
    const { pool } = openPool('python/probe.py');

    const failure = failureOf(await pool.run([{ cmd: 'raise', message: 'bad row 7' }]));

    expect(failure.kind).toBe('error');
    expect(failure.error).toMatch(/^Traceback \(most recent call last\):\n {2}File ".*probe\.py", line \d+, in run\n/);
    expect(failure.error).toMatch(/ValueError: bad row 7\n$/);
    expect(failure.error).not.toContain('azureml_runner.py');
  });

  it('reports an exception in init() as an init failure with its traceback', async () => {
    const { pool } = openPool('python/init_fails.py');

    const failure = failureOf(await pool.run(['a']));

    expect(failure.kind).toBe('init');
    expect(failure.error).toMatch(/^init\(\) failed: Traceback/);
    expect(failure.error).toMatch(/init_fails\.py", line 9, in load_model/);
    expect(failure.error).toContain('FileNotFoundError: model file not found: /models/missing.pkl');
  });

  it('says that python3 is missing, and how to get it, when the PATH has none', async () => {
    const { pool } = openPool('python/probe.py', { env: { PATH: '/nonexistent/bin' } });

    const failure = failureOf(await pool.run(['a']));

    expect(failure.kind).toBe('init');
    expect(failure.error).toMatch(/^python3 was not found on the worker's PATH \(\/nonexistent\/bin\); Python entry scripts need Python 3: install it/);
  });
});
