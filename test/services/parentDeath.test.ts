import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { isListening, LOCAL_HOST } from '../../src/host/services/ports';
import { waitUntilPortsClosed } from './helpers';

const fixtures = join(__dirname, 'fixtures');

describe('services started by a process that dies', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('stop by themselves when their parent is SIGKILLed', async () => {
    const location = await mkdtemp(join(tmpdir(), 'durable-jobs-parent-death-'));
    const parent = spawn(
      process.execPath,
      ['-r', join(fixtures, 'registerTs.js'), join(fixtures, 'parentThatDies.ts'), location],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const stderr: string[] = [];
    parent.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    cleanups.push(async () => {
      parent.kill('SIGKILL');
      await rm(location, { recursive: true, force: true });
    });

    const firstLine = await new Promise<string>((resolve, reject) => {
      createInterface({ input: parent.stdout }).once('line', resolve);
      parent.once('exit', (code) => reject(new Error(`parent exited (${code}) before reporting ports:\n${stderr.join('')}`)));
    });
    const { ports } = JSON.parse(firstLine) as { ports: number[] };
    expect(ports).toHaveLength(4);
    expect(await Promise.all(ports.map((p) => isListening(LOCAL_HOST, p)))).toEqual([true, true, true, true]);

    parent.kill('SIGKILL');
    await waitUntilPortsClosed(ports, 10_000);
  });
});
