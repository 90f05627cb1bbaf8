import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/model';
import { programArgv } from '../../../src/parallel/activities/programArguments';

describe('program_arguments as the entry script\'s argv', () => {
  it('splits words and keeps each bound value one word, whatever it holds', () => {
    const hostile = 'a b; rm -rf / $(whoami) `id` "q" \'s\' *';
    expect(programArgv('--model ${{inputs.model}} --label ${{inputs.label}} --out ${{outputs.scores}}', {
      inputs: { model: '/data/my model', label: hostile }, outputs: { scores: '/out/x' },
    })).toEqual(['--model', '/data/my model', '--label', hostile, '--out', '/out/x']);
  });

  it('is empty without arguments', () => {
    expect(programArgv(undefined, {})).toEqual([]);
    expect(programArgv('   ', {})).toEqual([]);
  });

  it('refuses shell operators and globs written in the template instead of running them', () => {
    expect(() => programArgv('--a 1 | tee x', {})).toThrow(ValidationError);
    expect(() => programArgv('--files *.csv', {})).toThrow(/the glob "\*\.csv"/);
  });

  it('renders booleans as Azure ML does', () => {
    expect(programArgv('--flag ${{inputs.f}}', { inputs: { f: true } })).toEqual(['--flag', 'True']);
  });
});
