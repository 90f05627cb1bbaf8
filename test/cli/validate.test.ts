import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { main } from '../../src/cli/main';

const ROOT = join(__dirname, '../..');
const fixture = (path: string) => relative(process.cwd(), join(ROOT, 'test/fixtures/jobs', path));

/** Runs `durable-jobs ...args` in-process, capturing what it writes. */
async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'durable-jobs', ...args], { out: (text) => void (stdout += text), err: (text) => void (stderr += text) });
  return { code, stdout, stderr };
}

describe('durable-jobs validate', () => {
  it('prints one summary line and exits 0 for a valid command job', async () => {
    const file = fixture('valid/explicit-type-and-name.yml');
    expect(await run('validate', file)).toEqual({
      code: 0,
      stdout: `ok  ${file}  command job "hello-world-001" (compute azureml:cpu-cluster, 0 inputs, 0 outputs)\n`,
      stderr: '',
    });
  });

  it('describes parallel jobs with their mini-batch size and output action', async () => {
    const files = ['valid/parallel-tabular-everything.yml', 'valid/parallel-file-batches.yml'].map(fixture);
    const { code, stdout } = await run('validate', ...files);
    expect(code).toBe(0);
    expect(stdout).toBe(
      `ok  ${files[0]}  parallel job "iris_batch_prediction_01" (compute azureml:cpu-cluster, 2 inputs, 1 output, mini-batches of ~10kb, append_row)\n` +
        `ok  ${files[1]}  parallel job (compute local, 1 input, 1 output, mini-batches of 5 files, append_row; name generated at submission)\n` +
        '2 files checked: 2 valid, 0 invalid\n',
    );
  });

  it('prints file:line:col, field path and message for each problem, and exits 1', async () => {
    const file = fixture('invalid/unknown-input-field.yml');
    expect(await run('validate', file)).toEqual({
      code: 1,
      stdout: `${file}:9:5  inputs.data.mod  unknown field "mod" — did you mean "mode"?\n`,
      stderr: '',
    });
  });

  it('checks every file even after an invalid or missing one, then exits 1', async () => {
    const valid = fixture('valid/hello-world.yml');
    const invalid = fixture('invalid/bad-input-mode.yml');
    const missing = fixture('valid/does-not-exist.yml');
    const { code, stdout, stderr } = await run('validate', invalid, missing, valid);
    expect(code).toBe(1);
    expect(stdout.split('\n')).toEqual([
      `${invalid}:9:11  inputs.data.mode  must be one of: ro_mount, download, direct, eval_mount, eval_download (got "ro-mount") — did you mean "ro_mount"?`,
      `ok  ${valid}  command job (compute local, 0 inputs, 0 outputs; name generated at submission)`,
      '3 files checked: 1 valid, 2 invalid',
      '',
    ]);
    expect(stderr).toBe(`${missing}  job file not found: ${missing}\n`);
  });

  it('reports YAML syntax errors with their position', async () => {
    const file = fixture('invalid/duplicate-key.yml');
    expect(await run('validate', file)).toMatchObject({ code: 1, stdout: `${file}:5:1  YAML syntax error: Map keys must be unique\n` });
  });

  it('accepts every valid fixture and rejects every invalid one', async () => {
    const dir = (kind: string) => readdirSync(join(ROOT, 'test/fixtures/jobs', kind)).map((file) => fixture(`${kind}/${file}`));
    const valid = await run('validate', ...dir('valid'));
    expect(valid.code).toBe(0);
    expect(valid.stdout).toMatch(/files checked: (\d+) valid, 0 invalid\n$/);
    const invalid = await run('validate', ...dir('invalid'));
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toMatch(/files checked: 0 valid, (\d+) invalid\n$/);
  });

  it('finds the examples valid', async () => {
    const examples = readdirSync(join(ROOT, 'examples')).filter((file) => file.endsWith('.yml')).map((file) => relative(process.cwd(), join(ROOT, 'examples', file)));
    expect(examples.length).toBeGreaterThanOrEqual(4);
    const { code, stdout, stderr } = await run('validate', ...examples);
    expect(stderr).toBe('');
    expect(stdout).toContain(`${examples.length} files checked: ${examples.length} valid, 0 invalid`);
    expect(code).toBe(0);
  });

  it('asks for at least one file', async () => {
    const { code, stderr } = await run('validate');
    expect(code).toBe(1);
    expect(stderr).toContain("error: missing required argument 'file'");
  });
});

describe('durable-jobs', () => {
  it('lists its commands under --help and exits 0', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: durable-jobs [options] [command]');
    expect(stdout).toMatch(/validate <file\.\.\.>\s+check job YAML files without submitting them\n/);
  });

  it('suggests the closest command for a typo and exits 1', async () => {
    const { code, stderr } = await run('validat', 'x.yml');
    expect(code).toBe(1);
    expect(stderr).toContain("error: unknown command 'validat'");
    expect(stderr).toContain('(Did you mean validate?)');
  });

  it('shows help and exits 1 when no command is given', async () => {
    const { code, stderr } = await run();
    expect(code).toBe(1);
    expect(stderr).toContain('Usage: durable-jobs');
  });
});
