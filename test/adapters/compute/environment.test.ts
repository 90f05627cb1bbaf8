import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/model/errors';
import { ComputeHarness, hasEnded, pollUntil } from './harness';
import { release, WAIT_FOR_RELEASE } from './workloads';

const HOST_SECRET = `host-secret-${process.pid}`;
const JOB_SECRET = 'job-secret-7f3a9c';
const TRICKY = `it's "quoted" $HOME \`id\` $(id) ; rm -rf / && echo pwned | cat > x\n\ttab * ? ~ \\ ' end`;

describe('LocalComputeTarget environment', () => {
  const harness = ComputeHarness.use();
  beforeAll(() => {
    process.env['COSMOS_KEY'] = HOST_SECRET;
    process.env['AzureWebJobsStorage'] = `AccountKey=${HOST_SECRET}`;
  });
  afterAll(() => {
    delete process.env['COSMOS_KEY'];
    delete process.env['AzureWebJobsStorage'];
  });

  it('sets the job variables on a minimal base and leaks nothing else of the host environment', async () => {
    const target = harness.target();
    const run = await harness.start(target, 'exec env', { GREETING: 'hello', LANG: 'en_US.UTF-8' });

    await pollUntil(target, run.runId, hasEnded, 'the run to end');

    const variables = Object.fromEntries(harness.sink.text(run.job).trim().split('\n').map((line) => line.split(/=(.*)/s, 2) as [string, string]));
    const shellOwn = ['PWD', 'SHLVL', 'OLDPWD', '_'];
    expect(Object.keys(variables).filter((name) => !shellOwn.includes(name)).sort()).toEqual(['GREETING', 'HOME', 'LANG', 'PATH', 'TMPDIR']);
    expect(variables).toMatchObject({ GREETING: 'hello', LANG: 'en_US.UTF-8', PATH: process.env['PATH'] });
    expect(harness.sink.text(run.job)).not.toContain(HOST_SECRET);
    expect(process.env['DJ_TEST_STORAGE'] === undefined || !harness.sink.text(run.job).includes(process.env['DJ_TEST_STORAGE'])).toBe(true);
  });

  it('passes a value full of shell metacharacters through unchanged', async () => {
    const target = harness.target();
    const run = await harness.start(target, 'printf "%s" "$TRICKY"', { TRICKY });

    expect(await pollUntil(target, run.runId, hasEnded, 'the run to end')).toMatchObject({ exitCode: 0 });

    expect(harness.sink.text(run.job)).toBe(TRICKY);
  });

  it('keeps job secrets out of the run files and out of the runner\'s arguments and environment', async () => {
    const target = harness.target();
    const run = await harness.start(target, WAIT_FOR_RELEASE, { API_TOKEN: JOB_SECRET });
    const { runner } = harness.pids(run.runId);

    const runnerArgs = await readFile(`/proc/${runner.pid}/cmdline`, 'utf8');
    const runnerEnv = await readFile(`/proc/${runner.pid}/environ`, 'utf8');
    expect(runnerArgs).not.toContain(JOB_SECRET);
    expect(runnerEnv).not.toContain(JOB_SECRET);
    expect(runnerEnv).not.toContain(HOST_SECRET);
    expect(runnerEnv.split('\0').filter(Boolean).map((entry) => entry.split('=')[0]).sort()).toEqual(['HOME', 'LANG', 'PATH', 'TMPDIR']);

    await release(run);
    await pollUntil(target, run.runId, hasEnded, 'the run to end');
    const runDir = path.join(harness.runsDir, run.runId);
    for (const name of await readdir(runDir)) {
      expect(await readFile(path.join(runDir, name), 'utf8'), name).not.toContain(JOB_SECRET);
    }
  });

  it('rejects variable names a process environment cannot hold, naming them but not their values', async () => {
    const target = harness.target();
    const workingDir = await harness.workDir();
    const start = (environment: Record<string, string>) => target.start({ job: 'env-job', command: 'true', workingDir, environment, logName: 'log.txt' });

    const error = await start({ 'BAD=NAME': 'x', GOOD: 'fine', NUL_VALUE: `${JOB_SECRET}\0tail` }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['environment_variables.BAD=NAME', 'environment_variables.NUL_VALUE']);
    expect((error as Error).message).not.toContain(JOB_SECRET);
  });
});
