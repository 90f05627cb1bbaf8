import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEV_STORE_ACCOUNT, DEV_STORE_KEY } from '../../src/adapters/storage/connection';
import { findFreePort, isListening } from '../../src/host/services/ports';
import { cliEntry, eventually, repoRoot } from '../support/hostProcess';

const appDir = path.join(repoRoot, 'test', 'apps', 'durable-crash');

describe('durable-jobs host (the supervisor)', () => {
  it('starts Azurite for the app, restarts a crashed host, and stops everything on SIGINT', async () => {
    const [blob, queue, table] = [await findFreePort(), await findFreePort(), await findFreePort()];
    const storage = `DefaultEndpointsProtocol=http;AccountName=${DEV_STORE_ACCOUNT};AccountKey=${DEV_STORE_KEY};`
      + `BlobEndpoint=http://127.0.0.1:${blob}/${DEV_STORE_ACCOUNT};QueueEndpoint=http://127.0.0.1:${queue}/${DEV_STORE_ACCOUNT};`
      + `TableEndpoint=http://127.0.0.1:${table}/${DEV_STORE_ACCOUNT};`;
    const dataDir = await mkdtemp(path.join(tmpdir(), 'dj-supervisor-'));
    const supervisor = spawn(process.execPath, [cliEntry, 'host', '--app', appDir, '--port', '0', '--data-dir', dataDir], {
      env: { ...process.env, AzureWebJobsStorage: storage, COSMOS_ENDPOINT: '', FUNCTIONS_MASTER_KEY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    supervisor.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    supervisor.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    const exited = new Promise<number | null>((resolve) => supervisor.once('exit', (code) => resolve(code)));
    const readyLines = (): string[] => [...output.matchAll(/Host ready at (\S+)/g)].map((m) => m[1]!);
    const hostPids = (): number[] => [...output.matchAll(/Host process (\d+) starting/g)].map((m) => Number(m[1]));
    try {
      const url = await eventually(async () => readyLines()[0], `the host to be ready:\n${output}`);
      expect(output).toContain('Azurite (storage): started');
      expect(output).toContain('Cosmos DB emulator: not started');
      expect(await isListening('127.0.0.1', blob)).toBe(true);
      const first = await fetch(`${url}/runtime/webhooks/durabletask/instances/`);
      expect(first.status).toBe(200);

      process.kill(hostPids()[0]!, 'SIGKILL');
      const restartedUrl = await eventually(async () => readyLines()[1], `a restarted host:\n${output}`);
      expect(output).toMatch(/Host process exited \(SIGKILL\); restarting/);
      expect((await fetch(`${restartedUrl}/runtime/webhooks/durabletask/instances/`)).status).toBe(200);

      supervisor.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(output).toContain('Stopped.');
      expect(await isListening('127.0.0.1', blob)).toBe(false);
      expect(() => process.kill(hostPids()[1]!, 0)).toThrow();
    } finally {
      supervisor.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
