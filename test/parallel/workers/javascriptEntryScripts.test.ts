import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { failureOf, FIXTURES, openPool, resultsOf, tempDir } from './pools';

describe('JavaScript and TypeScript entry scripts', () => {
  it('runs a CommonJS script (.cjs) that exports init and run', async () => {
    const { pool } = openPool('js/probe.cjs');

    expect(resultsOf(await pool.run(['/data/a.png', '/data/b.png']))).toEqual(['a.png: done', 'b.png: done']);
  });

  it('runs an ES module (.mjs) with top-level await and async init and run', async () => {
    const { pool } = openPool('js/esm.mjs');

    expect(resultsOf(await pool.run(['x', 'y']))).toEqual(['esm:esm.mjs:x', 'esm:esm.mjs:y']);
  });

  it('runs a .js ES module of a "type": "module" package whose functions are its default export', async () => {
    const { pool } = openPool('js-module-package/entry.js');

    expect(resultsOf(await pool.run(['x']))).toEqual(['default:x']);
  });

  it('runs CommonJS TypeScript (.ts), types erased, with a local TypeScript import', async () => {
    const { pool } = openPool('ts/entry.ts');

    expect(resultsOf(await pool.run(['abc']))).toEqual([{ item: 'abc', length: 6 }]);
  });

  it('runs ES module TypeScript (.ts under "type": "module") that imports ./helper.js written as helper.ts', async () => {
    const { pool } = openPool('ts-esm/entry.ts');

    expect(resultsOf(await pool.run(['abc']))).toEqual(['ts-esm:abc']);
  });

  it('runs .mts TypeScript', async () => {
    const { pool } = openPool('ts-esm/other.mts');

    expect(resultsOf(await pool.run(['abc']))).toEqual(['mts:ts-esm:abc']);
  });

  it('reports a TypeScript syntax error as an init failure with file, line and column', async () => {
    // written at test time: a broken .ts file in the tree would break the project's typecheck
    const dir = await tempDir();
    await writeFile(path.join(dir, 'broken.ts'), 'export function init(): void {}\n\nexport function run(miniBatch: string[]): string[] {\n  return miniBatch.map((item) => item +);\n}\n');
    const { pool } = openPool(path.join(dir, 'broken.ts'));

    const failure = failureOf(await pool.run(['abc']));

    expect(failure.kind).toBe('init');
    expect(failure.error).toBe(`cannot load the entry script ${dir}/broken.ts: SyntaxError: cannot compile ${dir}/broken.ts:\n  ${dir}/broken.ts:4:40  Expression expected.`);
  });

  it('reports a script without run() as an init failure saying what it must export', async () => {
    const { pool } = openPool('js/noRun.cjs');

    const failure = failureOf(await pool.run(['abc']));

    expect(failure.kind).toBe('init');
    expect(failure.error).toBe(`cannot load the entry script ${path.join(FIXTURES, 'js', 'noRun.cjs')}: TypeError: noRun.cjs does not export run(): ` +
      'an entry script exports init() and run(mini_batch) (export function init() {…} / export function run(miniBatch) {…}, or module.exports = { init, run })');
  });
});
