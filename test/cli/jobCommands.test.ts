import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiTestApp, type ApiTestApp } from '../api/apiOnLocalStack';
import { eventually, repoRoot } from '../support/hostProcess';
import { runCli, setEnv } from './cliHarness';

/**
 * The job commands against this repo's app on a real host (Azurite, the Cosmos DB emulator, the
 * local compute), with function keys enforced: the CLI finds the host in DURABLE_JOBS_URL and
 * the key in DURABLE_JOBS_KEY.
 */

const KEY = `key-${randomUUID()}`;
const run = randomUUID().slice(0, 8);
let t: ApiTestApp;
let restoreEnv: () => void;
let scratch: string;

beforeAll(async () => {
  t = await startApiTestApp({ functionKey: KEY });
  restoreEnv = setEnv({ DURABLE_JOBS_URL: t.app.host.url, DURABLE_JOBS_KEY: KEY });
  scratch = await mkdtemp(path.join(tmpdir(), 'dj-cli-'));
}, 60_000);
afterAll(async () => {
  restoreEnv?.();
  await t?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const example = (file: string) => path.join(repoRoot, 'examples', file);
const poll = ['--poll-interval', '100'];

/** A job file in the scratch folder. */
async function jobFile(name: string, text: string): Promise<string> {
  const file = path.join(scratch, name);
  await writeFile(file, text);
  return file;
}

async function statusOf(name: string): Promise<string> {
  const { stdout } = await runCli('show', name, '-o', 'json');
  return (JSON.parse(stdout) as { status: string }).status;
}

describe('durable-jobs submit', () => {
  it('submits an example, waits for it and exits 0 when it Completed', async () => {
    const name = `hello-${run}`;
    const { code, stdout, stderr } = await runCli('submit', example('hello-world.yml'), '--name', name, '--wait', ...poll);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(`submitted job ${name} (command, NotStarted)`);
    expect(lines[1]).toBe(`studio: http://127.0.0.1:7071/studio/jobs/${name}`);
    expect(lines[2]).toMatch(new RegExp(`^job ${name}: Completed in \\d`));
  });

  it('streams status changes and the log, then exits 1 for a job that Failed, with its error', async () => {
    const name = `failing-${run}`;
    const { code, stdout } = await runCli('submit', example('failing.yml'), '--name', name, '--stream', ...poll);
    expect(code).toBe(1);
    const statuses = [...stdout.matchAll(/^\[\d\d:\d\d:\d\dZ\] (\w+)/gm)].map((m) => m[1]);
    const history = (JSON.parse((await runCli('show', name, '-o', 'json')).stdout) as { status_history: Array<{ status: string }> }).status_history;
    expect(statuses).toEqual(history.map((change) => change.status));
    expect(statuses).toEqual(expect.arrayContaining(['NotStarted', 'Running', 'Failed']));
    expect(stdout).toContain('--- user_logs/std_log.txt ---\nloading train.csv\nerror: train.csv has no rows\n');
    expect(stdout.indexOf('error: train.csv has no rows')).toBeLessThan(stdout.search(/\] Failed/));
    expect(stdout).toMatch(new RegExp(`job ${name}: Failed in [^\\n]+\\nerror: UserError: exit code 3; last lines of user_logs/std_log.txt:\\n  loading train.csv\\n`));
  });

  it('prints the problems of an invalid file as validate does, submits nothing and exits 3', async () => {
    const file = await jobFile('typo.yml', 'command: echo hi\nenvironment: azureml:python@latest\ncomand: typo\n');
    expect(await runCli('submit', file, '--name', `typo-${run}`)).toEqual({
      code: 3, stdout: '', stderr: `${file}:3:1  comand  unknown field "comand" — did you mean "command"?\n`,
    });
    expect((await runCli('show', `typo-${run}`)).stderr).toBe(`durable-jobs: no job named typo-${run}\n`);
  });

  it('prints what the host refuses, with every problem it lists', async () => {
    const file = await jobFile('gpu.yml', 'command: echo hi\nenvironment: azureml:python@latest\ncompute: gpu-cluster\n');
    expect(await runCli('submit', file)).toEqual({
      code: 3, stdout: '',
      stderr: 'durable-jobs: unknown compute\ncompute  compute "gpu-cluster" is not configured (configured: local; app setting COMPUTE_TARGETS)\n',
    });
  });
});

describe('durable-jobs show', () => {
  const name = `shown-${run}`;
  beforeAll(async () => {
    expect((await runCli('submit', example('hello-world.yml'), '--name', name, '--wait', ...poll)).code).toBe(0);
  });

  it('prints a table of what matters by default', async () => {
    const { code, stdout } = await runCli('show', name);
    expect(code).toBe(0);
    const rows = Object.fromEntries(stdout.trimEnd().split('\n').map((line) => [line.slice(0, 12).trim(), line.slice(12).trim()]));
    expect(rows).toMatchObject({
      name, 'display name': 'hello-world', type: 'command', status: 'Completed', experiment: 'examples', compute: 'local',
      studio: `http://127.0.0.1:7071/studio/jobs/${name}`, 'log files': 'user_logs/std_log.txt', outputs: '-',
    });
    for (const key of ['created', 'started', 'ended']) expect(rows[key]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
    expect(rows['duration']).toMatch(/^\d+(ms|\.\ds)$/);
    expect(rows).not.toHaveProperty('error');
  });

  it('prints the record as the API sends it with -o json, and the same as YAML with -o yaml', async () => {
    const json = await runCli('show', name, '-o', 'json');
    const api = await (await t.get(`jobs/${name}`)).json();
    expect(JSON.parse(json.stdout)).toEqual(api);
    const yaml = await runCli('show', name, '-o', 'yaml');
    expect(parseYaml(yaml.stdout)).toEqual(api);
  });

  it('says when there is no such job, and refuses unknown formats, exiting 3', async () => {
    expect(await runCli('show', `nope-${run}`)).toEqual({ code: 3, stdout: '', stderr: `durable-jobs: no job named nope-${run}\n` });
    const bad = await runCli('show', name, '-o', 'xml');
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain("error: option '-o, --output <format>' argument 'xml' is invalid. Allowed choices are table, json, yaml.");
  });

  it('shows the error of a failed job in the table', async () => {
    const { stdout } = await runCli('show', `failing-${run}`);
    expect(stdout).toMatch(/\nerror +UserError: exit code 3; last lines of user_logs\/std_log.txt:\n +loading train.csv\n +error: train.csv has no rows\n$/);
  });
});

describe('durable-jobs list', () => {
  const exp = `cli-list-${run}`;
  beforeAll(async () => {
    await t.seedJob(`l1-${run}`, { experiment: exp, status: 'Completed', tags: { team: 'a' } });
    await t.seedJob(`l2-${run}`, { experiment: exp, status: 'Failed', tags: { team: 'b' } });
    await t.seedJob(`l3-${run}`, { experiment: exp, status: 'Running', tags: { team: 'a' } });
  });
  const namesIn = (stdout: string) => [...stdout.matchAll(new RegExp(`^(l\\d-${run})\\s`, 'gm'))].map((m) => m[1]);

  it('prints a table, newest first, and the counts per status', async () => {
    const { code, stdout } = await runCli('list', '--experiment', exp);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^NAME +TYPE +STATUS +EXPERIMENT +CREATED +DURATION +DISPLAY NAME$/);
    expect(namesIn(stdout)).toEqual([`l3-${run}`, `l2-${run}`, `l1-${run}`]);
    expect(stdout).toMatch(new RegExp(`^l2-${run} +command +Failed +${exp} +\\d{4}-`, 'm'));
    expect(stdout).toContain('\n3 jobs: 1 Running, 1 Completed, 1 Failed\n');
  });

  it('filters by status and tag', async () => {
    const { stdout } = await runCli('list', '--experiment', exp, '--status', 'Completed', '--status', 'running', '--tag', 'team=a');
    expect(namesIn(stdout)).toEqual([`l3-${run}`, `l1-${run}`]);
    expect(stdout).toContain('\n2 jobs: 1 Running, 1 Completed\n');
  });

  it('pages with --top and --continuation-token, or takes every page with --all', async () => {
    const first = await runCli('list', '--experiment', exp, '--top', '2');
    expect(namesIn(first.stdout)).toEqual([`l3-${run}`, `l2-${run}`]);
    const token = /--continuation-token (\S+) \(same filters\), or --all/.exec(first.stdout)?.[1];
    expect(token).toBeDefined();
    const second = await runCli('list', '--experiment', exp, '--top', '2', '--continuation-token', token!);
    expect(namesIn(second.stdout)).toEqual([`l1-${run}`]);
    expect(second.stdout).not.toContain('--continuation-token');
    const all = await runCli('list', '--experiment', exp, '--top', '1', '--all', '-o', 'json');
    const list = JSON.parse(all.stdout) as { jobs: Array<{ name: string }>; counts: Record<string, number>; total: number };
    expect(list.jobs.map((job) => job.name)).toEqual([`l3-${run}`, `l2-${run}`, `l1-${run}`]);
    expect(list).toMatchObject({ counts: { Running: 1, Completed: 1, Failed: 1 }, total: 3 });
    expect(list).not.toHaveProperty('continuation_token');
  });

  it('reports a bad status from the host and a bad --top from the command line, exiting 3', async () => {
    const status = await runCli('list', '--status', 'Done');
    expect(status.code).toBe(3);
    expect(status.stderr).toMatch(/^durable-jobs: invalid job query\nstatus {2}"Done" is not a job status; expected any of NotStarted/);
    const top = await runCli('list', '--top', '0');
    expect(top.code).toBe(3);
    expect(top.stderr).toContain("error: option '--top <n>' argument '0' is invalid. expected a whole number from 1 to 1000.");
  });
});

describe('durable-jobs logs', () => {
  it('prints the whole log, its last lines, or says which logs there are', async () => {
    const name = `steps-${run}`;
    const file = await jobFile('steps.yml', 'command: for i in 1 2 3 4 5; do echo "step $i"; done\nenvironment: azureml:python@latest\n');
    expect((await runCli('submit', file, '--name', name, '--wait', ...poll)).code).toBe(0);
    expect(await runCli('logs', name)).toEqual({ code: 0, stdout: 'step 1\nstep 2\nstep 3\nstep 4\nstep 5\n', stderr: '' });
    expect((await runCli('logs', name, '--tail', '2')).stdout).toBe('step 4\nstep 5\n');
    expect(await runCli('logs', name, '--file', 'user_logs/std_err.txt')).toEqual({
      code: 3, stdout: '', stderr: `durable-jobs: job ${name} has no log user_logs/std_err.txt; its logs: user_logs/std_log.txt\n`,
    });
    expect((await runCli('logs', `nope-${run}`)).stderr).toBe(`durable-jobs: no job named nope-${run}\n`);
  });

  it('follows a running job until it ends', async () => {
    const name = `slow-steps-${run}`;
    const file = await jobFile('slow-steps.yml', 'command: for i in 1 2 3 4; do echo "tick $i"; sleep 0.4; done\nenvironment: azureml:python@latest\n');
    expect((await runCli('submit', file, '--name', name)).code).toBe(0);
    await eventually(async () => (['Running', 'Completed'].includes(await statusOf(name)) ? true : undefined), `${name} running`);
    const { code, stdout } = await runCli('logs', name, '--follow', ...poll);
    expect(code).toBe(0);
    expect(stdout).toBe('tick 1\ntick 2\ntick 3\ntick 4\n');
    expect(await statusOf(name)).toBe('Completed');
  });
});

describe('durable-jobs download', () => {
  const name = `words-${run}`;
  beforeAll(async () => {
    expect((await runCli('submit', example('inputs-outputs.yml'), '--name', name, '--wait', ...poll)).code).toBe(0);
  });

  it('downloads the outputs into DIR/named-outputs/<output>, keeping relative paths', async () => {
    const dest = path.join(scratch, 'download-all');
    const { code, stdout, stderr } = await runCli('download', name, '--path', dest);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^output report: 1 file \\([\\d.]+ (B|KiB)\\) → ${dest.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/named-outputs/report\\n$`));
    const counts = JSON.parse(await readFile(path.join(dest, 'named-outputs', 'report', 'word_counts.json'), 'utf8')) as unknown[];
    expect(counts.length).toBeGreaterThan(0);
  });

  it('names the outputs there are when asked for another one', async () => {
    expect(await runCli('download', name, '--output', 'model', '--path', scratch)).toEqual({
      code: 3, stdout: '', stderr: `durable-jobs: job ${name} has no output model; its outputs: report\n`,
    });
  });

  it('refuses to write through a symbolic link that leads out of DIR', async () => {
    const dest = path.join(scratch, 'download-link');
    const outside = path.join(scratch, 'outside');
    await mkdir(path.join(dest, 'named-outputs'), { recursive: true });
    await mkdir(outside);
    await symlink(outside, path.join(dest, 'named-outputs', 'report'));
    const { code, stderr } = await runCli('download', name, '--output', 'report', '--path', dest);
    expect(code).toBe(3);
    expect(stderr).toContain('output report: word_counts.json: not written — named-outputs/report leads through a symbolic link to');
    expect(await readdir(outside)).toEqual([]);
  });
});

describe('durable-jobs cancel', () => {
  it('cancels a long-running job; submit --wait then exits 2', async () => {
    const name = `long-${run}`;
    const waiting = runCli('submit', example('long-running.yml'), '--name', name, '--wait', ...poll);
    await eventually(async () => ((await statusOf(name).catch(() => '')) === 'Running' ? true : undefined), `${name} running`);
    expect(await runCli('cancel', name, '--reason', 'enough')).toEqual({ code: 0, stdout: `job ${name}: CancelRequested — enough\n`, stderr: '' });
    const submitted = await waiting;
    expect(submitted.code).toBe(2);
    expect(submitted.stdout).toMatch(new RegExp(`\\njob ${name}: Canceled in [^\\n]+ \\(enough\\)\\n$`));
    const again = await runCli('cancel', name);
    expect(again.code).toBe(3);
    expect(again.stderr).toContain(`job ${name} has already ended (Canceled)`);
  });
});

describe('errors', () => {
  it('says there is no host at the URL, and how to start one', async () => {
    const port = await closedPort();
    expect(await runCli('list', '--url', `http://127.0.0.1:${port}`)).toEqual({
      code: 3, stdout: '', stderr: `durable-jobs: no durable-jobs host at http://127.0.0.1:${port} — start one with \`npm start\` (or pass --url / set DURABLE_JOBS_URL)\n`,
    });
  });

  it('says when the URL is a host without the job API', async () => {
    const { code, stderr } = await runCli('show', `hello-${run}`, '--url', `${t.app.host.url}/elsewhere`);
    expect(code).toBe(3);
    expect(stderr).toMatch(new RegExp(`^durable-jobs: the host at ${t.app.host.url}/elsewhere has no job API \\(GET /api/jobs/hello-${run}: .*\\) — is it a durable-jobs host\\?\\n$`));
  });

  it('asks for DURABLE_JOBS_KEY when the host wants a key, and never prints the key', async () => {
    const restore = setEnv({ DURABLE_JOBS_KEY: undefined });
    try {
      expect(await runCli('list')).toEqual({ code: 3, stdout: '', stderr: `durable-jobs: the host at ${t.app.host.url} requires a function key — set DURABLE_JOBS_KEY\n` });
    } finally {
      restore();
    }
    const wrong = setEnv({ DURABLE_JOBS_KEY: 'not-the-key' });
    try {
      const refused = await runCli('show', `hello-${run}`);
      expect(refused.stderr).toBe(`durable-jobs: the host at ${t.app.host.url} refused the key in DURABLE_JOBS_KEY — set DURABLE_JOBS_KEY to a function key, host key or master key of this app\n`);
      expect(refused.stderr).not.toContain('not-the-key');
    } finally {
      wrong();
    }
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
