import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleFormatOf } from '../../../src/parallel/workers/moduleFormat';
import { FIXTURES } from './pools';

describe('moduleFormatOf', () => {
  it('follows the extension for .mjs/.mts and .cjs/.cts', () => {
    expect(['a.mjs', 'a.mts', 'a.cjs', 'a.cts'].map((name) => moduleFormatOf(path.join(FIXTURES, 'ts-esm', name)))).toEqual(['esm', 'esm', 'cjs', 'cjs']);
  });

  it('follows the nearest package.json "type" for .js and .ts', () => {
    expect(moduleFormatOf(path.join(FIXTURES, 'ts-esm', 'entry.ts'))).toBe('esm');
    expect(moduleFormatOf(path.join(FIXTURES, 'js-module-package', 'entry.js'))).toBe('esm');
    expect(moduleFormatOf(path.join(FIXTURES, 'ts', 'entry.ts'))).toBe('cjs');
  });
});
