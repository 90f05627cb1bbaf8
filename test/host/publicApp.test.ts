import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEntry, eventually, repoRoot } from '../support/hostProcess';

const appDir = path.join(repoRoot, 'test', 'apps', 'ts-quickstart');

describe('durable-jobs host --app with the Durable Functions TypeScript quickstart, unmodified', () => {
  it('builds the app, runs its HTTP starter and orchestration, and serves the status URL', async () => {
    await rm(path.join(appDir, 'dist'), { recursive: true, force: true });
    const host = spawn(process.execPath, [cliEntry, 'host', '--app', appDir, '--port', '0', '--no-services'], {
      env: { ...process.env, AzureWebJobsStorage: process.env.DJ_TEST_STORAGE, FUNCTIONS_MASTER_KEY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<void>((resolve) => host.once('exit', () => resolve()));
    let output = '';
    host.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    host.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    try {
      const url = await eventually(async () => /Host ready at (\S+)/.exec(output)?.[1], `the host:\n${output}`, 60_000);
      expect(output).toContain('running "npm run build"');
      const started = await fetch(`${url}/api/orchestrators/durableHello1Orchestrator`, { method: 'POST' });
      expect(started.status).toBe(202);
      const { statusQueryGetUri } = (await started.json()) as { statusQueryGetUri: string };
      const status = await eventually(async () => {
        const body = (await (await fetch(statusQueryGetUri)).json()) as { runtimeStatus: string; output: unknown };
        return body.runtimeStatus === 'Completed' ? body : undefined;
      }, 'the orchestration to complete');
      expect(status.output).toEqual(['Hello, Tokyo', 'Hello, Seattle', 'Hello, Cairo']);
    } finally {
      host.kill('SIGINT');
      await exited;
    }
  }, 90_000);
});
