import { describe, expect, it } from 'vitest';
import { normalizeSubmission, readEnvelope } from '../../src/jobs/submission';
import { ValidationError, type ValidationIssue } from '../../src/model';
import { helloSpec, helloYaml } from './fixtures';

const options = { random: () => 0.5, sourceName: 'message' };

function issuesOf(run: () => unknown): ValidationIssue[] {
  try {
    run();
  } catch (err) {
    if (err instanceof ValidationError) return [...err.issues];
    throw err;
  }
  throw new Error('expected a ValidationError');
}

describe('reading a submission envelope', () => {
  it('accepts {"job": spec} and {"job": yaml, "name"}, as an object or as JSON text', () => {
    expect(readEnvelope({ job: helloSpec })).toEqual({ job: helloSpec });
    expect(readEnvelope(JSON.stringify({ job: helloYaml, name: 'n1' }))).toEqual({ job: helloYaml, name: 'n1' });
  });

  it('says what was received and what the format is', () => {
    expect(issuesOf(() => readEnvelope('command: echo'))).toEqual([{ path: '', message: expect.stringMatching(/^the message is not JSON \(it starts with "command: echo"\); expected \{"job": /) }]);
    expect(issuesOf(() => readEnvelope([1]))).toEqual([{ path: '', message: expect.stringContaining('got an array') }]);
    expect(issuesOf(() => readEnvelope(helloSpec))).toEqual([{ path: 'job', message: expect.stringContaining('looks like a bare job spec — wrap it') }]);
    expect(issuesOf(() => readEnvelope({}))).toEqual([{ path: 'job', message: expect.stringMatching(/^missing; expected/) }]);
    expect(issuesOf(() => readEnvelope({ job: helloSpec, priority: 1 }))).toEqual([{ path: '', message: expect.stringContaining('unknown field(s) priority') }]);
    expect(issuesOf(() => readEnvelope({ job: helloSpec, name: 'bad name' }))[0]?.path).toBe('name');
  });
});

describe('normalizing a submission', () => {
  it('validates an object spec with the model, reporting field paths', () => {
    expect(normalizeSubmission({ job: helloSpec }, options)).toMatchObject({ name: 'hello-1', type: 'command', compute: 'local' });
    expect(issuesOf(() => normalizeSubmission({ job: { ...helloSpec, comand: 'x' } }, options))).toEqual([
      { path: 'comand', message: 'unknown field "comand" — did you mean "command"?' },
    ]);
  });

  it('validates YAML text with line and column', () => {
    expect(issuesOf(() => normalizeSubmission({ job: 'command: echo\nenvironment: azureml:env:1\nlimits:\n  timeout: -1\n' }, options))).toEqual([
      expect.objectContaining({ file: 'message', line: 4, col: 12, path: 'limits.timeout' }),
    ]);
  });

  it('names the job from the envelope when the spec has no name, and generates one when neither has', () => {
    const { name: _name, ...unnamed } = helloSpec;
    expect(normalizeSubmission({ job: unnamed, name: 'from-envelope' }, options).name).toBe('from-envelope');
    expect(normalizeSubmission({ job: unnamed }, options).name).toMatch(/^[a-z]+_[a-z]+_[a-z0-9]{10}$/);
    expect(normalizeSubmission({ job: helloSpec, name: 'hello-1' }, options).name).toBe('hello-1');
  });

  it('refuses two different names', () => {
    expect(issuesOf(() => normalizeSubmission({ job: helloYaml, name: 'other' }, options))).toEqual([
      { path: 'name', message: '"other" differs from the job\'s own name "hello-1"; give the name once, or the same in both places' },
    ]);
  });
});
