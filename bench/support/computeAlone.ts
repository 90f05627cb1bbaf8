import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LocalComputeTarget } from '../../src/adapters/compute/local';

/**
 * The local compute on its own, without the orchestration: `count` runs of `command` started and
 * polled until they exited, `concurrency` at a time (runs per second). Each run is a detached
 * runner process (node) that owns the command, so this is the ceiling for jobs on this compute.
 */
export async function localComputeRate(workDir: string, command: string, count: number, concurrency: number): Promise<number> {
  const workRoot = path.join(workDir, 'compute-alone');
  const workingDir = path.join(workRoot, 'code');
  await mkdir(workingDir, { recursive: true });
  const compute = new LocalComputeTarget({ workRoot, runsDir: path.join(workDir, 'compute-alone-runs'), logSink: async () => undefined });
  const started = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const job = `alone-${next++}`;
      const { runId } = await compute.start({ job, command, workingDir, environment: {}, logName: 'std_log.txt' });
      while ((await compute.poll(runId)).state !== 'exited') await sleep(5);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
    return count / ((performance.now() - started) / 1000);
  } finally {
    await compute.close();
  }
}
