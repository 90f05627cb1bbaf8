import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { dumpJob, loadJobFile } from '../../src/adapters/fs/jobFiles';
import { ConflictError, NotFoundError, ValidationError } from '../../src/model/errors';
import { parseJobYaml } from '../../src/model/yaml';

const FIXTURES = join(__dirname, '../fixtures/jobs');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'durable-jobs-files-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadJobFile', () => {
  it('reads, validates and normalizes a job file', async () => {
    const job = await loadJobFile(join(FIXTURES, 'valid/parallel-tabular-everything.yml'));
    expect(job).toMatchObject({ type: 'parallel', name: 'iris_batch_prediction_01', output_action: 'append_row' });
  });

  it('generates a name from the given random source when the file has none', async () => {
    const job = await loadJobFile(join(FIXTURES, 'valid/hello-world.yml'), { random: () => 0 });
    expect(job.name).toBe('amiable_apple_aaaaaaaaaa');
  });

  it('generates a different name for each load by default', async () => {
    const file = join(FIXTURES, 'valid/hello-world.yml');
    const names = new Set(await Promise.all([1, 2, 3, 4].map(async () => (await loadJobFile(file)).name)));
    expect(names.size).toBe(4);
  });

  it('ignores a UTF-8 byte order mark', async () => {
    const file = join(dir, 'bom.yml');
    await writeFile(file, '\uFEFFname: bom\ncommand: echo hi\nenvironment: env:1\n');
    expect((await loadJobFile(file)).name).toBe('bom');
  });

  it('throws a ValidationError whose issues name the file, line and field', async () => {
    const file = join(FIXTURES, 'invalid/unknown-input-field.yml');
    const error = await loadJobFile(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { file, line: 9, col: 5, path: 'inputs.data.mod', message: 'unknown field "mod" — did you mean "mode"?' },
    ]);
  });

  it('throws NotFoundError naming a missing file', async () => {
    const file = join(dir, 'nope.yml');
    await expect(loadJobFile(file)).rejects.toThrow(NotFoundError);
    await expect(loadJobFile(file)).rejects.toThrow(`job file not found: ${file}`);
  });

  it('says so when the path is a directory', async () => {
    await expect(loadJobFile(dir)).rejects.toThrow(`cannot read ${dir}: it is a directory, expected a YAML file`);
  });
});

describe('dumpJob', () => {
  const job = parseJobYaml('name: dumped\ncommand: echo ${{inputs.x}}\nenvironment: env:1\ninputs:\n  x: "it\'s"\n', 'job.yml', { random: () => 0 });

  it('writes YAML to a new file that loads back to the same job', async () => {
    const file = join(dir, 'job.yml');
    await dumpJob(job, file);
    expect(await loadJobFile(file)).toStrictEqual(job);
  });

  it('refuses to overwrite an existing file, leaving it untouched', async () => {
    const file = join(dir, 'existing.yml');
    await writeFile(file, 'precious\n');
    const error = await dumpJob(job, file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toBe(`refusing to overwrite ${file}: the file already exists`);
    expect(await readFile(file, 'utf8')).toBe('precious\n');
  });

  it('names the path when its directory does not exist', async () => {
    const file = join(dir, 'missing', 'job.yml');
    await expect(dumpJob(job, file)).rejects.toThrow(`cannot write ${file}: its directory does not exist`);
  });

  it.skipIf(process.getuid?.() === 0)('names the path when the directory is not writable', async () => {
    const locked = join(dir, 'locked');
    await mkdir(locked);
    await chmod(locked, 0o500);
    await expect(dumpJob(job, join(locked, 'job.yml'))).rejects.toThrow(`cannot write ${join(locked, 'job.yml')}: permission denied`);
  });

  it('writes to an open stream and leaves it open', async () => {
    const stream = new PassThrough();
    let written = '';
    stream.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
    await dumpJob(job, stream);
    expect(stream.writable).toBe(true);
    expect(parseJobYaml(written, 'stream.yml', { random: () => 0 })).toStrictEqual(job);
  });

  it('refuses an ended or destroyed stream before writing anything', async () => {
    const ended = new PassThrough();
    ended.end();
    await expect(dumpJob(job, ended)).rejects.toThrow('cannot dump job "stream": the destination stream is ended');
    const destroyed = new PassThrough();
    destroyed.destroy();
    await expect(dumpJob(job, destroyed)).rejects.toThrow('cannot dump job "stream": the destination stream is destroyed');
  });

  it('reports a stream that fails while writing, without crashing the process', async () => {
    const failing = new Writable({ write: (_chunk, _encoding, callback) => callback(new Error('disk full')) });
    await expect(dumpJob(job, failing)).rejects.toThrow('cannot dump job to stream: disk full');
  });
});
