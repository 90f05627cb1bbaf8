import { describe, expect, it } from 'vitest';
import { redactData, redactText } from '../../src/jobs/redact';

describe('redacting submissions', () => {
  it('replaces values of secret-named keys anywhere in JSON data', () => {
    const original = { job: { command: 'echo', environment_variables: { HF_TOKEN: 'hf_abc', EPOCHS: '3' } }, name: 'x' };
    expect(redactData(original)).toEqual({ job: { command: 'echo', environment_variables: { HF_TOKEN: '***', EPOCHS: '3' } }, name: 'x' });
    expect(original.job.environment_variables.HF_TOKEN).toBe('hf_abc');
  });

  it('redacts YAML text, keeping its layout and comments', () => {
    const yaml = 'command: echo hi # say hi\nenvironment_variables:\n  DB_PASSWORD: hunter2\n  EPOCHS: "3"\n';
    expect(redactText(yaml)).toBe('command: echo hi # say hi\nenvironment_variables:\n  DB_PASSWORD: "***"\n  EPOCHS: "3"\n');
  });

  it('redacts YAML given as a string inside a JSON envelope', () => {
    expect(redactData({ job: 'environment_variables:\n  API_KEY: abc\n' })).toEqual({ job: 'environment_variables:\n  API_KEY: "***"\n' });
  });

  it('falls back to NAME: value lines for text that does not parse', () => {
    const broken = '{"job": {"environment_variables": {\n  "API_KEY": "abc",\n  "EPOCHS": "3"\n';
    expect(redactText(broken)).toBe('{"job": {"environment_variables": {\n  "API_KEY": "***",\n  "EPOCHS": "3"\n');
  });

  it('leaves text without secrets unchanged', () => {
    expect(redactText('not: [yaml')).toBe('not: [yaml');
    expect(redactText('command: echo hi\n')).toBe('command: echo hi\n');
  });
});
