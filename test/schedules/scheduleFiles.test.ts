import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScheduleFile } from '../../src/cli/commands/scheduleFile';
import { ValidationError } from '../../src/model/errors';
import { checkScheduleYaml, parseScheduleYaml, scheduleToYaml } from '../../src/schedules/model/scheduleYaml';
import { repoRoot } from '../support/hostProcess';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dj-schedule-files-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, text: string): Promise<string> {
  const at = path.join(dir, name);
  await writeFile(at, text);
  return at;
}

async function problems(promise: Promise<unknown>): Promise<string[]> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ValidationError);
  return (err as ValidationError).issues.map((issue) => `${path.basename(issue.file ?? '')}:${issue.line}:${issue.col}  ${issue.path}  ${issue.message}`);
}

describe('schedule files', () => {
  it('loads the examples, with a parallel job read from a path relative to the schedule file', async () => {
    const nightly = await loadScheduleFile(path.join(repoRoot, 'examples/schedules/nightly-batch-scoring.yml'));
    expect(nightly.create_job['type']).toBe('parallel');
    expect(nightly).toMatchObject({ name: 'nightly-iris-scoring', catch_up: 'last', concurrency: 'forbid', is_enabled: true });
    const heartbeat = await loadScheduleFile(path.join(repoRoot, 'examples/schedules/every-5-minutes.yml'));
    expect(heartbeat.trigger).toEqual({ type: 'recurrence', frequency: 'minute', interval: 5 });
  });

  it('dumps a schedule to YAML that loads back to the same schedule', async () => {
    const nightly = await loadScheduleFile(path.join(repoRoot, 'examples/schedules/nightly-batch-scoring.yml'));
    expect(parseScheduleYaml(scheduleToYaml(nightly), 'dumped.yml')).toEqual(nightly);
  });

  it('names the file, line and field of each problem, and what would be accepted', async () => {
    const at = await file('bad.yml', [
      'name: bad',
      'trigger:',
      '  type: recurrence',
      '  frequency: weekly',
      '  interval: 0',
      '  time_zone: Pacific Standrd Time',
      'create_job:',
      '  comand: echo hi',
      '  environment: azureml:env@latest',
      'catchup: all',
    ].join('\n'));
    expect(await problems(loadScheduleFile(at))).toEqual([
      'bad.yml:4:14  trigger.frequency  must be one of: minute, hour, day, week, month (got "weekly") — did you mean "week"?',
      'bad.yml:5:13  trigger.interval  must be at least 1, got 0',
      expect.stringMatching(/^bad\.yml:6:14 {2}trigger\.time_zone {2}unknown time zone "Pacific Standrd Time"; .* did you mean "Pacific Standard Time"\?$/),
      'bad.yml:8:3  create_job.comand  unknown field "comand" — did you mean "command"?',
      expect.stringMatching(/^bad\.yml:10:1 {2}catchup {2}unknown field "catchup" — did you mean "catch_up"\?$/),
    ]);
  });

  it('checks a cron expression for its 5 fields, and pattern fields against the frequency', async () => {
    const text = 'name: x\ntrigger:\n  type: cron\n  expression: "0 0 2 * * *"\ncreate_job: {command: echo, environment: "azureml:e@latest"}\n';
    const result = checkScheduleYaml(text, 'x.yml');
    expect(result.ok ? [] : result.issues.map((issue) => `${issue.line}  ${issue.path}  ${issue.message}`)).toEqual([
      '4  trigger.expression  expected 5 fields "{minute} {hour} {day} {month} {day-of-week}" such as "0 2 * * *", got 6 ("0 0 2 * * *")',
    ]);
    const daily = checkScheduleYaml('name: y\ntrigger: {type: recurrence, frequency: day, interval: 1, schedule: {week_days: [monday]}}\ncreate_job: {command: echo, environment: "azureml:e@latest"}\n', 'y.yml');
    expect(daily.ok ? [] : daily.issues.map((issue) => `${issue.path}  ${issue.message}`)).toEqual(['trigger.schedule.week_days  applies only with frequency week or month (this trigger\'s frequency is day)']);
  });

  it('reports a job file that a schedule names but that does not exist, at the create_job line', async () => {
    const at = await file('missing-job.yml', 'name: m\ntrigger: {type: cron, expression: "0 * * * *"}\ncreate_job: ./nowhere.yml\n');
    expect(await problems(loadScheduleFile(at))).toEqual([expect.stringMatching(/^missing-job\.yml:3:13 {2}create_job {2}no job file at .*nowhere\.yml/)]);
  });

  it('reports problems of a referenced job file against that file', async () => {
    await file('broken-job.yml', 'command: echo ${{inputs.nope}}\nenvironment: azureml:e@latest\n');
    const at = await file('uses-broken.yml', 'name: u\ntrigger: {type: cron, expression: "0 * * * *"}\ncreate_job: broken-job.yml\n');
    expect(await problems(loadScheduleFile(at))).toEqual([expect.stringMatching(/^broken-job\.yml:1:10 {2}command {2}.*"nope"/)]);
  });

  it('accepts a parallel job, start and end times with offsets, and end before start is refused', () => {
    const bad = checkScheduleYaml('name: z\ntrigger: {type: cron, expression: "0 * * * *", start_time: "2026-05-02T00:00:00Z", end_time: "2026-05-01T00:00:00+02:00"}\ncreate_job: {command: echo, environment: "azureml:e@latest"}\n', 'z.yml');
    expect(bad.ok ? [] : bad.issues.map((issue) => `${issue.path}  ${issue.message}`)).toEqual(['trigger.end_time  must be after start_time (2026-05-02T00:00:00Z)']);
  });
});
