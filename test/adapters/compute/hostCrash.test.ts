import { spawn, type ChildProcess } from 'node:child_process';
import { appendFile, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogSink } from '../../../src/adapters/compute/local';
import { eventually, repoRoot } from '../../support/hostProcess';
import { ComputeHarness, hasEnded, pollUntil, processExists } from './harness';
import { COUNT_UNTIL_RELEASED, expectConsecutiveLines, release } from './workloads';

const crashHost = path.join(__dirname, 'fixtures', 'crashHost.js');
const compiledTarget = path.join(repoRoot, 'dist', 'src', 'adapters', 'compute', 'local', 'index.js');

/** Like an append blob written with appendPosition: knows its length, so skips the bytes it already holds. */
function lengthAwareFileSink(file: string): LogSink {
  return async (_job, _logName, chunk, offset) => {
    const size = (await stat(file).catch(() => undefined))?.size ?? 0;
    if (offset > size) throw new Error(`append at ${offset}, but the log holds ${size} bytes`);
    const overlap = Math.min(size - offset, chunk.length);
    if (overlap > 0) expect((await readFile(file)).subarray(offset, size).equals(chunk.subarray(0, overlap))).toBe(true);
    if (overlap < chunk.length) await appendFile(file, chunk.subarray(overlap));
  };
}

/** Runs fixtures/crashHost.js: a host process of its own that starts one run and ships its log into `sinkFile`. */
async function startCrashHost(harness: ComputeHarness, workingDir: string, sinkFile: string): Promise<{ host: ChildProcess; runId: string }> {
  const host = spawn(process.execPath, [crashHost, compiledTarget, harness.workRoot, harness.runsDir, workingDir, sinkFile, COUNT_UNTIL_RELEASED], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  hosts.push(host);
  let output = '';
  host.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  host.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const { runId } = await eventually(async () => (output.includes('\n') ? JSON.parse(output) as { runId: string } : undefined), 'the host to start the run', 10_000)
    .catch((error: Error) => { throw new Error(`${error.message}; host output:\n${output}`); });
  harness.track({ runId, job: 'crash-test', workingDir });
  return { host, runId };
}

const hosts: ChildProcess[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) if (host.exitCode === null && host.signalCode === null) host.kill('SIGKILL');
});

describe('LocalComputeTarget when its host is killed', () => {
  const harness = ComputeHarness.use();

  it('keeps the command running through a SIGKILL of the host and resumes shipping into a length-aware sink with no byte lost or repeated', async () => {
    const workingDir = await harness.workDir();
    const sinkFile = path.join(harness.root, 'sink.log');
    const { host, runId } = await startCrashHost(harness, workingDir, sinkFile);
    await eventually(async () => ((await stat(sinkFile).catch(() => undefined))?.size ?? 0) > 2000 || undefined, 'the host to ship output', 10_000);

    const exited = new Promise((resolve) => host.once('exit', resolve));
    host.kill('SIGKILL');
    await exited;

    expect(processExists(harness.pids(runId).runner.pid)).toBe(true);
    const restarted = harness.target({ logSink: lengthAwareFileSink(sinkFile) });
    expect(await restarted.poll(runId)).toMatchObject({ state: 'running' });
    await release({ runId, job: 'crash-test', workingDir });
    expect(await pollUntil(restarted, runId, hasEnded, 'the run to end')).toMatchObject({ state: 'exited', exitCode: 7 });
    const shipped = await readFile(sinkFile, 'utf8');
    expect(shipped).toBe(await readFile(harness.runFile(runId, 'output.log'), 'utf8'));
    expectConsecutiveLines(shipped);
  });
});
