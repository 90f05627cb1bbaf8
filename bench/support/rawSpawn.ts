import { spawn } from 'node:child_process';

/**
 * `count` runs of `/bin/sh -c <command>` spawned directly, `concurrency` at a time, output
 * drained: what the machine can do at best for that command (runs per second).
 */
export async function rawSpawnRate(command: string, count: number, concurrency: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      next++;
      await new Promise<void>((resolve, reject) => {
        const child = spawn('/bin/sh', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'] });
        child.stdout.resume();
        child.stderr.resume();
        child.on('error', reject);
        child.on('exit', () => resolve());
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return count / ((performance.now() - started) / 1000);
}
