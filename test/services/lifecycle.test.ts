import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { queueServiceClient } from '../../src/adapters/storage/connection';
import { startAzurite, type AzuriteHandle } from '../../src/host/services/azurite';
import { startCosmosEmulator } from '../../src/host/services/cosmosEmulator';
import { ServiceStartError } from '../../src/host/services/errors';
import { findFreePort, isListening, LOCAL_HOST } from '../../src/host/services/ports';
import { probeCosmos } from '../../src/host/services/probes';
import { occupyPort as occupyFreePort, portOf, testName, waitUntilPortsClosed } from './helpers';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'durable-jobs-lifecycle-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function occupyPort(): Promise<number> {
  const occupied = await occupyFreePort();
  cleanups.push(() => occupied.close());
  return occupied.port;
}

function endpointPorts(azurite: AzuriteHandle): number[] {
  return [azurite.blobEndpoint, azurite.queueEndpoint, azurite.tableEndpoint].map(portOf);
}

describe('a second Azurite', () => {
  it('serves on the requested ports from the requested location, and stop() ends it and closes its ports', async () => {
    const location = await tempDir();
    const ports = [await findFreePort(), await findFreePort(), await findFreePort()];
    const [blobPort, queuePort, tablePort] = ports as [number, number, number];

    const azurite = await startAzurite({ location, blobPort, queuePort, tablePort });
    cleanups.push(() => azurite.stop());

    expect(endpointPorts(azurite)).toEqual(ports);
    expect(azurite.connectionString).toContain(`QueueEndpoint=http://127.0.0.1:${queuePort}/devstoreaccount1`);
    expect(await readdir(location)).toContain('__azurite_db_queue__.json');

    await azurite.stop();
    expect(await azurite.exited).toMatchObject({ code: 0 });
    expect(await Promise.all(ports.map((p) => isListening(LOCAL_HOST, p)))).toEqual([false, false, false]);
  });

  it('keeps queue messages on disk across a restart on the same location', async () => {
    const location = await tempDir();
    const queueName = testName();
    const first = await startAzurite({ location, blobPort: 0, queuePort: 0, tablePort: 0 });
    cleanups.push(() => first.stop());
    const queue = queueServiceClient(first.connectionString).getQueueClient(queueName);
    await queue.create();
    await queue.sendMessage('survives');
    await first.stop();

    const second = await startAzurite({ location, blobPort: 0, queuePort: 0, tablePort: 0 });
    cleanups.push(() => second.stop());
    const peeked = await queueServiceClient(second.connectionString).getQueueClient(queueName).peekMessages();
    expect(peeked.peekedMessageItems.map((m) => m.messageText)).toEqual(['survives']);
  });

  it('fails with the service, the port and Azurite\'s own output when a port is taken', async () => {
    const taken = await occupyPort();
    const failure = startAzurite({ location: await tempDir(), blobPort: 0, queuePort: taken, tablePort: 0 });

    await expect(failure).rejects.toBeInstanceOf(ServiceStartError);
    await expect(failure).rejects.toThrow(new RegExp(`Azurite on 127\\.0\\.0\\.1 .*queue :${taken}.*exited with code 1`));
    await expect(failure).rejects.toThrow(/EADDRINUSE/);
  });

  it('gives up after startTimeoutMs, saying what it waited for, and leaves no process behind', async () => {
    const ports = [await findFreePort(), await findFreePort(), await findFreePort()];
    const [blobPort, queuePort, tablePort] = ports as [number, number, number];

    await expect(startAzurite({ location: await tempDir(), blobPort, queuePort, tablePort, startTimeoutMs: 50 })).rejects.toThrow(
      /did not report listening \(blob, queue, table\) within 50 ms/,
    );
    await waitUntilPortsClosed(ports, 10_000);
  });
});

describe('a Cosmos DB emulator', () => {
  it('starts on a free port, answers @azure/cosmos, and stop() closes the port', async () => {
    const emulator = await startCosmosEmulator({ port: 0 });
    cleanups.push(() => emulator.stop());

    expect(emulator.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    await probeCosmos({ endpoint: emulator.endpoint, key: emulator.key });

    await emulator.stop();
    expect(await emulator.exited).toMatchObject({ code: 0 });
    await waitUntilPortsClosed([portOf(emulator.endpoint)], 1000);
  });

  it('fails with the port and the launcher\'s message when the port is taken', async () => {
    const taken = await occupyPort();

    await expect(startCosmosEmulator({ port: taken })).rejects.toThrow(
      new RegExp(`Cosmos DB emulator on 127\\.0\\.0\\.1:${taken}: exited with code 1[\\s\\S]*EADDRINUSE`),
    );
  });
});
