import { appendFile, chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandJob, startPipeline, type PipelineHarness } from './pipelineHarness';

let pipeline: PipelineHarness;

beforeAll(async () => {
  pipeline = await startPipeline();
  await mkdir(path.join(pipeline.dataRoot, 'data'), { recursive: true });
  await writeFile(path.join(pipeline.dataRoot, 'data', 'a.csv'), 'a\n');
});
afterAll(async () => {
  await pipeline?.stop();
});

/** The job's copy of input `name`: `<work root>/<job>/inputs/<name>`, next to its working directory. */
const inputCopy = (workingDir: string, name: string) => path.join(path.dirname(workingDir), 'inputs', name);

describe('a command job with a ro_mount input', () => {
  it('fails with a UserError naming the input when its command wrote to it, and uploads no output', async () => {
    const job = commandJob({ command: 'cat ${{inputs.data}}/a.csv', inputs: { data: { type: 'uri_folder', path: 'data' } }, outputs: { out: { type: 'uri_folder' } } });
    pipeline.compute.script(job.name, {
      atExit: async ({ workingDir }) => {
        const file = path.join(inputCopy(workingDir, 'data'), 'a.csv');
        await chmod(file, 0o644); // what root may do without asking
        await appendFile(file, 'oops\n');
      },
    });
    expect((await pipeline.post('/api/jobs', job)).status).toBe(201);
    await pipeline.settle();

    const record = await pipeline.record(job.name);
    expect(await pipeline.statuses(job.name)).toEqual(['NotStarted', 'Starting', 'Preparing', 'Queued', 'Running', 'Finalizing', 'Failed']);
    expect(record.error?.code).toBe('UserError');
    expect(record.error?.message).toMatch(/^the command wrote to read-only \(mode: ro_mount\) input — inputs\.data: changed a\.csv\./);
    expect(record.outputs).toEqual({});
  });

  it('completes when its command only read it', async () => {
    const job = commandJob({ command: 'cat ${{inputs.data}}/a.csv', inputs: { data: { type: 'uri_folder', path: 'data' } } });
    expect((await pipeline.post('/api/jobs', job)).status).toBe(201);
    await pipeline.settle();
    expect((await pipeline.record(job.name)).status).toBe('Completed');
  });
});
