import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import { eventually } from '../../support/hostProcess';
import type { StartedRun } from './harness';

/** Waits (in the command, not the test) until the test creates `release` in the working directory. */
export const WAIT_FOR_RELEASE = 'while [ ! -f release ]; do sleep 0.02; done';

/** Numbered lines until a `release` file appears, then `done` and exit code 7. */
export const COUNT_UNTIL_RELEASED = 'i=0; while [ ! -f release ]; do i=$((i+1)); echo "line $i"; sleep 0.005; done; echo done; exit 7';

/** A background grandchild that records its pid, and a foreground child: a small process tree. */
export const PROCESS_TREE = 'sleep 100 & echo $! > grandchild.pid; sleep 100';

/** The log of COUNT_UNTIL_RELEASED: `line 1` … `line N` with none missing or repeated, then `done`. */
export function expectConsecutiveLines(log: string): void {
  const lines = log.split('\n');
  expect(lines.at(-1)).toBe('');
  expect(lines.at(-2)).toBe('done');
  const numbered = lines.slice(0, -2);
  expect(numbered.length).toBeGreaterThan(0);
  numbered.forEach((line, index) => expect(line).toBe(`line ${index + 1}`));
}

/** The pid PROCESS_TREE's grandchild wrote, once it has. */
export function grandchildOf(run: StartedRun): Promise<number> {
  return eventually(async () => {
    const text = await readFile(path.join(run.workingDir, 'grandchild.pid'), 'utf8').catch(() => '');
    return text.endsWith('\n') ? Number(text) : undefined;
  }, 'the grandchild to start', 5000);
}

export async function release(run: StartedRun): Promise<void> {
  const { writeFile } = await import('node:fs/promises');
  await writeFile(path.join(run.workingDir, 'release'), '');
}
