import { describe, it, expect } from 'vitest';
import { ConflictError, formatIssue, InvalidTransitionError, NonRetryableError, NotFoundError, ValidationError } from '../../src/model/errors';

describe('error classes', () => {
  it.each([
    ['ConflictError', () => new ConflictError('exists', { cause: 'root' })],
    ['NotFoundError', () => new NotFoundError('gone', { cause: 'root' })],
    ['NonRetryableError', () => new NonRetryableError('stop', { cause: 'root' })],
    ['ValidationError', () => new ValidationError([{ path: 'a', message: 'b' }], { cause: 'root' })],
    ['InvalidTransitionError', () => new InvalidTransitionError('A', 'B', ['C'], { cause: 'root' })],
  ])('%s sets its name, is an Error, and keeps the cause', (name, make) => {
    const error = make();
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.cause).toBe('root');
    expect(String(error)).toMatch(new RegExp(`^${name}: `));
  });

  it('ValidationError lists every issue in its message and keeps them as data', () => {
    const issues = [
      { file: 'job.yml', line: 3, col: 1, path: 'comand', message: 'unknown field "comand" — did you mean "command"?' },
      { path: 'inputs.data.mode', message: 'must be one of: ro_mount, download' },
    ];
    const error = new ValidationError(issues, { summary: 'job.yml is not a valid job' });
    expect(error.issues).toEqual(issues);
    expect(error.message).toBe(
      'job.yml is not a valid job:\n' +
        '  job.yml:3:1  comand  unknown field "comand" — did you mean "command"?\n' +
        '  inputs.data.mode  must be one of: ro_mount, download',
    );
  });

  it('formats an issue as file:line:col, path and message, leaving out what is unknown', () => {
    expect(formatIssue({ file: 'a.yml', line: 2, col: 5, path: 'x.y', message: 'bad' })).toBe('a.yml:2:5  x.y  bad');
    expect(formatIssue({ file: 'a.yml', line: 1, col: 1, path: '', message: 'empty' })).toBe('a.yml:1:1  empty');
    expect(formatIssue({ path: 'x', message: 'bad' })).toBe('x  bad');
  });
});
