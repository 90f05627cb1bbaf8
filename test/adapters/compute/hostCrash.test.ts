import { spawn } from 'node:child_process';
import { appendFile, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LogSink } from '../../../src/adapters/compute/local';
import { eventually, repoRoot } from '../../support/hostProcess';
import { ComputeHarness, hasEnded, pollUntil, processExists } from './harness';
import { COUNT_UNTIL_RELEASED, expectConsecutiveLines, release } from './workloads';

const crashHost = path.join(__dirname, 'fixtures', 'crashHost.js');
const compiledTarget = path.join(repoRoot, 'dist', 'src', 'adapters', 'compute', 'local', 'index.js');

/** Appends conditionally at `offset`, as an append blob with appendPosition: what is there already is accepted. */
function conditionalFileSink(file: string): LogSink {
  return async (_job, _logName, chunk, offset) => {
    const size = (await stat(file).catch(() => undefined))?.size ?? 0;
    if (offset + chunk.length <= size) {
      expect((await readFile(file)).subarray(offset, offset + chunk.length).equals(chunk)).toBe(true);
      return;
    }
    if (offset !== size) throw new Error(`append at ${offset}, but the log holds ${size} bytes`);
    await appendFile(file, chunk);
  };
}

describe('LocalComputeTarget when its host is killed', () => {
  const harness = ComputeHarness.use();

  it('keeps the command running through a SIGKILL of the host and resumes shipping with no byte lost or repeated', async () => {
    const workingDir = await harness.workDir();
    const sinkFile = path.join(harness.root, 'sink.log');
    const host = spawn(process.execPath, [crashHost, compiledTarget, harness.workRoot, harness.runsDir, workingDir, sinkFile, COUNT_UNTIL_RELEASED], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    host.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    host.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    const exited = new Promise((resolve) => host.once('exit', resolve));
    const { runId } = await eventually(async () => (output.includes('\n') ? JSON.parse(output) as { runId: string } : undefined), 'the host to start the run', 10_000)
      .catch((error: Error) => { host.kill('SIGKILL'); throw new Error(`${error.message}; host output:\n${output}`); });
    const run = harness.track({ runId, job: 'crash-test', workingDir });
    await eventually(async () => ((await stat(sinkFile).catch(() => undefined))?.size ?? 0) > 2000 || undefined, 'the host to ship output', 10_000);

    host.kill('SIGKILL');
    await exited;

    expect(processExists(harness.pids(runId).runner.pid)).toBe(true);
    const restarted = harness.target({ logSink: conditionalFileSink(sinkFile) });
    expect(await restarted.poll(runId)).toMatchObject({ state: 'running' });
    await release(run);
    expect(await pollUntil(restarted, runId, hasEnded, 'the run to end')).toMatchObject({ state: 'exited', exitCode: 7 });
    const shipped = await readFile(sinkFile, 'utf8');
    expect(shipped).toBe(await readFile(harness.runFile(runId, 'output.log'), 'utf8'));
    expectConsecutiveLines(shipped);
  });
});
