import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, repoRoot, startHostProcess, type HostProcess } from '../../support/hostProcess';
import { storageConnection } from './engineHarness';

const appDir = path.join(repoRoot, 'test', 'apps', 'durable-crash');
const running: HostProcess[] = [];
afterEach(() => {
  for (const host of running.splice(0)) host.child.kill('SIGKILL');
});

async function start(): Promise<HostProcess> {
  const host = await startHostProcess(appDir, { AzureWebJobsStorage: storageConnection(), FUNCTIONS_MASTER_KEY: '' });
  running.push(host);
  return host;
}

interface Status { runtimeStatus: string; output: unknown; historyEvents?: Array<{ EventType: string }> }

async function status(host: HostProcess, id: string): Promise<Status> {
  const response = await fetch(`${host.url}/runtime/webhooks/durabletask/instances/${id}?showHistory=true`);
  return (await response.json()) as Status;
}

function completedActivities(s: Status): number {
  return (s.historyEvents ?? []).filter((e) => e.EventType === 'TaskCompleted').length;
}

describe('a host killed with SIGKILL', () => {
  it('resumes a 200-activity fan-out after each kill and completes it with the right output', async () => {
    let host = await start();
    const started = await fetch(`${host.url}/api/start/FanOutSlow`, { method: 'POST', body: '200' });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };

    for (const atLeast of [20, 80]) {
      await eventually(async () => {
        const s = await status(host, id);
        return completedActivities(s) >= atLeast && s.runtimeStatus === 'Running' ? s : undefined;
      }, `${atLeast} completed activities`);
      host.child.kill('SIGKILL');
      expect(await host.exited).toBe('SIGKILL');
      host = await start();
    }

    const final = await eventually(async () => {
      const s = await status(host, id);
      return s.runtimeStatus === 'Completed' ? s : undefined;
    }, 'the instance to complete', 60_000);
    expect(final.output).toEqual({ count: 200, sum: 2 * (199 * 200) / 2 });
    expect(completedActivities(final)).toBe(200);
  });
});
