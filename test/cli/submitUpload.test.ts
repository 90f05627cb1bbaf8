import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiTestApp, type ApiTestApp } from '../api/apiOnLocalStack';
import { runCli, setEnv } from './cliHarness';

/**
 * `durable-jobs submit` uploading a job's local code and inputs, against this repo's app on a real
 * host with function keys enforced. The job files live in a folder of their own, outside the
 * host's LOCAL_DATA_ROOT (examples/), so only an upload can bring their files to the job.
 */

const KEY = `key-${randomUUID()}`;
const run = randomUUID().slice(0, 8);
let t: ApiTestApp;
let restoreEnv: () => void;
let project: string;
let jobFile: string;

beforeAll(async () => {
  t = await startApiTestApp({ functionKey: KEY });
  restoreEnv = setEnv({ DURABLE_JOBS_URL: t.app.host.url, DURABLE_JOBS_KEY: KEY });
  project = await mkdtemp(path.join(tmpdir(), 'dj-cli-upload-'));
  const files: Record<string, string> = {
    'src/main.sh': 'echo main', 'src/lib/util.sh': 'echo util', 'src/debug.log': 'noise', 'src/secret/token.txt': 'x',
    'src/.amlignore': '*.log\nsecret/\n', 'data/rows.csv': 'a,b\n1,2\n', 'outside.txt': 'not in the code folder',
  };
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(project, file)), { recursive: true });
    await writeFile(path.join(project, file), text);
  }
  await symlink(path.join(project, 'outside.txt'), path.join(project, 'src', 'escape.txt'));
  jobFile = path.join(project, 'job.yml');
  await writeFile(jobFile, [
    '# uploaded by the CLI',
    'command: find . -type f | sort && cat ${{inputs.rows}}',
    'code: ./src',
    'inputs:',
    '  rows:',
    '    type: uri_file',
    '    path: ./data/rows.csv',
    'environment: azureml:python@latest',
    '',
  ].join('\n'));
}, 60_000);
afterAll(async () => {
  restoreEnv?.();
  await t?.stop();
  if (project) await rm(project, { recursive: true, force: true });
});

const poll = ['--poll-interval', '100'];
const uri = '(azureml://datastores/workspaceblobstore/paths/LocalUpload/[0-9a-f]{64}/)';

describe('durable-jobs submit with local code and inputs', () => {
  it('uploads them (minus what .amlignore excludes and links leading out), and the job runs on the uploads', async () => {
    const name = `uploaded-${run}`;
    const { code, stdout, stderr } = await runCli('submit', jobFile, '--name', name, '--wait', ...poll);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(new RegExp(`^uploaded code ./src: 3 files, [\\d.]+ B → ${uri}\\n  left out 1 symbolic link\\(s\\) leading out of the folder or to a folder: escape.txt\\nuploaded inputs.rows.path ./data/rows.csv: 1 file, 8 B → ${uri}\\n$`));
    expect(stdout.split('\n')[0]).toBe(`submitted job ${name} (command, NotStarted)`);
    expect((await runCli('logs', name)).stdout).toBe('./.amlignore\n./lib/util.sh\n./main.sh\na,b\n1,2\n');
    const shown = JSON.parse((await runCli('show', name, '-o', 'json')).stdout) as { code: string; inputs: { rows: { path: string } } };
    expect(shown.code).toMatch(new RegExp(`^${uri}$`));
    expect(shown.inputs.rows.path).toMatch(new RegExp(`^${uri}rows\\.csv$`));
  });

  it('does not send an unchanged folder again', async () => {
    const { code, stderr } = await runCli('submit', jobFile, '--name', `again-${run}`, ...poll);
    expect(code).toBe(0);
    expect(stderr).toMatch(new RegExp(`^code ./src: unchanged \\(3 files, [\\d.]+ B\\), not sent again → ${uri}\\n`));
  });

  it('with --no-upload sends the paths as written, for the host to resolve in its LOCAL_DATA_ROOT', async () => {
    const name = `not-uploaded-${run}`;
    const { code, stdout } = await runCli('submit', jobFile, '--name', name, '--no-upload', '--wait', ...poll);
    // examples/src happens to exist on the host; the data file does not.
    expect(stdout).toContain(`error: UserError: inputs.rows.path  "./data/rows.csv" does not exist (local paths are relative to the data root`);
    expect(code).toBe(1);
  });

  it('refuses a folder over the limits before sending anything, saying what to do instead', async () => {
    const big = path.join(project, 'src', 'weights.bin');
    await writeFile(big, '');
    await truncate(big, 65 * 1024 * 1024);
    try {
      expect(await runCli('submit', jobFile, '--name', `too-big-${run}`)).toEqual({
        code: 3, stdout: '',
        stderr: 'durable-jobs: code ./src: weights.bin is 65.0 MiB; uploads take at most 10000 files, 64 MiB each and 2048 MiB in all — keep large data in blob storage and give its URI, or submit with --no-upload to a host that shares this folder\n',
      });
    } finally {
      await rm(big);
    }
  });

  it('names a local path that is not there, with the job file, and submits nothing', async () => {
    const broken = path.join(project, 'broken.yml');
    await writeFile(broken, 'command: ls\ncode: ./nowhere\nenvironment: azureml:python@latest\n');
    expect(await runCli('submit', broken, '--name', `broken-${run}`)).toEqual({
      code: 3, stdout: '', stderr: `${broken}  code  "./nowhere" does not exist (local paths are relative to the job file's folder ${project})\n`,
    });
  });
});
