import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiTestApp, type ApiTestApp } from '../api/apiOnLocalStack';
import { runCli, setEnv } from '../cli/cliHarness';
import { eventually } from '../support/hostProcess';

/**
 * The schedule commands against this repo's app on the local stack (Azurite, the Cosmos DB
 * emulator, the local compute) on the real clock, with function keys enforced: a schedule created
 * by the CLI fires a real job within a minute of its tick, and `durable-jobs list` shows it.
 */

const KEY = `key-${randomUUID()}`;
const name = `every-minute-${randomUUID().slice(0, 6)}`;
let t: ApiTestApp;
let restoreEnv: () => void;
let scratch: string;

beforeAll(async () => {
  // Ticks every 5 s instead of every minute, so a tick's job starts within 5 s of its time.
  restoreEnv = setEnv({ SCHEDULE_TICK: '*/5 * * * * *' });
  t = await startApiTestApp({ functionKey: KEY });
  setEnv({ DURABLE_JOBS_URL: t.app.host.url, DURABLE_JOBS_KEY: KEY });
  scratch = await mkdtemp(path.join(tmpdir(), 'dj-schedule-cli-'));
}, 60_000);
afterAll(async () => {
  restoreEnv?.();
  delete process.env['DURABLE_JOBS_URL'];
  delete process.env['DURABLE_JOBS_KEY'];
  await t?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('durable-jobs schedule', () => {
  it('creates a schedule whose next tick fires a real job within a minute, visible in durable-jobs list', async () => {
    const file = path.join(scratch, 'every-minute.yml');
    await writeFile(file, [
      `name: ${name}`,
      'trigger: {type: cron, expression: "* * * * *", time_zone: Pacific Standard Time}',
      'create_job:',
      '  command: echo tick from ${{inputs.who}}',
      '  inputs: {who: a schedule}',
      '  environment: {image: library/python:3.11-slim}',
    ].join('\n'));
    const created = await runCli('schedule', 'create', file);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(new RegExp(`^created schedule ${name}: cron "\\* \\* \\* \\* \\*" \\(Pacific Standard Time\\)\n`));

    const shown = await runCli('schedule', 'show', name);
    const upcoming = [...shown.stdout.matchAll(/^ {2}(\d{4}-\d\d-\d\d \d\d:\d\d:00Z)$/gm)].map((match) => match[1]!);
    expect(upcoming).toHaveLength(5);
    const firstTick = Date.parse(upcoming[0]!.replace(' ', 'T'));
    const jobName = `${name}-${new Date(firstTick).toISOString().replace(/[-:]/g, '').slice(0, 13)}Z`;

    const listed = await eventually(async () => {
      const { stdout } = await runCli('list', '--tag', `schedule_name=${name}`, '--status', 'Completed');
      return stdout.includes(jobName) ? stdout : undefined;
    }, `job ${jobName} Completed`, 90_000);
    expect(listed).toMatch(new RegExp(`^${jobName}\\s+command\\s+Completed`, 'm'));
    const job = JSON.parse((await runCli('show', jobName, '-o', 'json')).stdout) as { creation_context: { created_at: string } };
    expect(Date.parse(job.creation_context.created_at) - firstTick).toBeLessThan(60_000);
    expect((await t.get(`jobs/${jobName}/logs/user_logs/std_log.txt`).then((r) => r.text()))).toContain('tick from a schedule');
  }, 120_000);

  it('runs the job by hand, refuses to delete an enabled schedule, and deletes it once disabled', async () => {
    const triggered = await runCli('schedule', 'trigger', name);
    expect(triggered.code).toBe(0);
    expect(triggered.stdout).toMatch(new RegExp(`^submitted job ${name}-manual-\\d{8}T\\d{6}Z \\(command, NotStarted\\)`));

    const refused = await runCli('schedule', 'delete', name);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(`schedule ${name} is enabled; disable it first`);

    expect((await runCli('schedule', 'disable', name)).stdout).toBe(`schedule ${name}: disabled\n`);
    const listed = await runCli('schedule', 'list');
    expect(listed.stdout).toMatch(new RegExp(`^${name}\\s+no\\s+`, 'm'));
    expect((await runCli('schedule', 'delete', name)).stdout).toBe(`schedule ${name} deleted\n`);
    const gone = await runCli('schedule', 'show', name);
    expect(gone.code).toBe(3);
    expect(gone.stderr).toBe(`durable-jobs: no schedule named ${name}\n`);
  }, 60_000);
});
