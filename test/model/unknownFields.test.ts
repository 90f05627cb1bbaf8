import { describe, it, expect } from 'vitest';
import { z } from 'zod';
import { closestMatch } from '../../src/model/suggest';
import { knownFieldsFor, strictObject, unknownFieldMessage } from '../../src/model/unknownFields';
import { fromZodIssues } from '../../src/model/specIssues';

describe('closestMatch', () => {
  it('suggests a candidate within a typo of the word', () => {
    expect(closestMatch('comand', ['command', 'code'])).toBe('command');
    expect(closestMatch('enviroment', ['environment', 'environment_variables'])).toBe('environment');
    expect(closestMatch('Command', ['command'])).toBe('command');
    expect(closestMatch('mini_batch_sise', ['mini_batch_size', 'mini_batch_error_threshold'])).toBe('mini_batch_size');
  });

  it('suggests nothing when every candidate is far away', () => {
    expect(closestMatch('partition_keys', ['inputs', 'outputs', 'task'])).toBeUndefined();
    expect(closestMatch('x', [])).toBeUndefined();
  });
});

describe('unknown fields', () => {
  const Service = strictObject({ type: z.string(), port: z.number().optional() });
  const Job = strictObject({ command: z.string(), services: z.record(z.string(), Service).optional() });

  it('remembers the fields of the object that rejected a key, wherever it is nested', () => {
    const result = Job.safeParse({ command: 'x', services: { a: { type: 'ssh', prot: 22 } } });
    const issue = result.error?.issues[0];
    expect(issue?.code).toBe('unrecognized_keys');
    expect(issue?.code === 'unrecognized_keys' && knownFieldsFor(issue.keys)).toEqual(['type', 'port']);
  });

  it('reports each unknown key at its own path, with the closest known field', () => {
    const input = { comand: 'x', command: 'y', services: { a: { type: 'ssh', prot: 22, foo: 1 } } };
    const result = Job.safeParse(input);
    expect(fromZodIssues(result.error?.issues ?? [], input)).toEqual([
      { path: ['services', 'a', 'prot'], message: 'unknown field "prot" — did you mean "port"?', anchor: 'key' },
      { path: ['services', 'a', 'foo'], message: 'unknown field "foo"; accepted fields: type, port', anchor: 'key' },
      { path: ['comand'], message: 'unknown field "comand" — did you mean "command"?', anchor: 'key' },
    ]);
  });

  it('does not also report a required field as missing when a misspelling of it is present', () => {
    const input = { comand: 'x' };
    const result = Job.safeParse(input);
    expect(fromZodIssues(result.error?.issues ?? [], input)).toEqual([
      { path: ['comand'], message: 'unknown field "comand" — did you mean "command"?', anchor: 'key' },
    ]);
  });

  it('words the message with or without a suggestion', () => {
    expect(unknownFieldMessage('comand', ['command'])).toBe('unknown field "comand" — did you mean "command"?');
    expect(unknownFieldMessage('zzz', ['a', 'b'])).toBe('unknown field "zzz"; accepted fields: a, b');
    expect(unknownFieldMessage('zzz', [])).toBe('unknown field "zzz"');
  });
});
