import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/model/errors';
import { languageOf } from '../../../src/parallel/workers/entryScript';

describe('languageOf', () => {
  it('runs .py with Python and .js/.mjs/.cjs/.ts/.mts/.cts with node', () => {
    expect(languageOf('/code/score.py')).toBe('python');
    expect(['js', 'mjs', 'cjs', 'ts', 'mts', 'cts'].map((ext) => languageOf(`/code/score.${ext}`))).toEqual(Array(6).fill('node'));
  });

  it('refuses another extension, listing the ones it accepts', () => {
    expect(() => languageOf('/code/score.sh')).toThrow(ValidationError);
    expect(() => languageOf('/code/score.sh')).toThrow('task.entry_script  "score.sh" is not an entry script the workers can run; expected one of .py, .js, .mjs, .cjs, .ts, .mts, .cts');
  });

  it('refuses a relative path', () => {
    expect(() => languageOf('score.py')).toThrow('the worker pool needs an absolute entry script path (got "score.py")');
  });
});
