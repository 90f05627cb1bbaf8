import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { DEV_STORE_KEY, parseStorageConnectionString } from '../../src/adapters/storage/connection';
import { azuriteConnectionString } from '../../src/host/services/azurite';
import { PortInUseError, ServiceStartError } from '../../src/host/services/errors';
import { findFreePort, isListening, LOCAL_HOST } from '../../src/host/services/ports';
import { probeCosmos, probeStorage } from '../../src/host/services/probes';
import { startServices } from '../../src/host/services/startServices';
import { occupyPort, waitUntilPortsClosed } from './helpers';

const REMOTE_KEY = 'cmVtb3RlLWFjY291bnQta2V5LW5vdC1mb3ItbG9ncw==';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'durable-jobs-start-services-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function freeStoragePorts(): Promise<{ blob: number; queue: number; table: number }> {
  return { blob: await findFreePort(), queue: await findFreePort(), table: await findFreePort() };
}

describe('startServices', () => {
  it('starts nothing when the settings point at real accounts, and says so without printing keys', async () => {
    const lines: string[] = [];
    const services = await startServices({
      dataDir: await dataDir(),
      log: (line) => lines.push(line),
      settings: {
        AzureWebJobsStorage: `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${REMOTE_KEY}`,
        COSMOS_ENDPOINT: 'https://acme.documents.azure.com:443/',
        COSMOS_KEY: REMOTE_KEY,
      },
    });

    expect(services.azurite).toEqual({ action: 'skipped', reason: 'AzureWebJobsStorage points to acme.blob.core.windows.net, not this machine' });
    expect(services.cosmos).toEqual({ action: 'skipped', reason: 'COSMOS_ENDPOINT points to acme.documents.azure.com, not this machine' });
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).not.toContain(REMOTE_KEY);
  });

  it('starts nothing for settings that are not set', async () => {
    const services = await startServices({ dataDir: await dataDir(), settings: {} });

    expect(services.azurite).toMatchObject({ action: 'skipped', reason: 'AzureWebJobsStorage is not set' });
    expect(services.cosmos).toMatchObject({ action: 'skipped', reason: 'COSMOS_ENDPOINT is not set' });
  });

  it('reuses the healthy Azurite and emulator already answering on the configured ports and leaves them running', async () => {
    const settings = {
      AzureWebJobsStorage: inject('storageConnectionString'),
      COSMOS_ENDPOINT: inject('cosmosEndpoint'),
      COSMOS_KEY: inject('cosmosKey'),
    };
    const services = await startServices({ dataDir: await dataDir(), settings });

    expect(services.azurite.action).toBe('reused');
    expect(services.cosmos).toEqual({ action: 'reused', endpoints: [settings.COSMOS_ENDPOINT] });
    await services.stop();
    await probeStorage(parseStorageConnectionString(settings.AzureWebJobsStorage));
    await probeCosmos({ endpoint: settings.COSMOS_ENDPOINT, key: settings.COSMOS_KEY });
  });

  it('starts Azurite and the emulator on the configured loopback ports, with data under dataDir, and stops them', async () => {
    const ports = await freeStoragePorts();
    const cosmosPort = await findFreePort();
    const dir = await dataDir();
    const services = await startServices({
      dataDir: dir,
      settings: { AzureWebJobsStorage: azuriteConnectionString(ports), COSMOS_ENDPOINT: `https://localhost:${cosmosPort}/` },
    });
    cleanups.push(() => services.stop());

    expect(services.azurite).toMatchObject({ action: 'started', endpoints: [
      `http://127.0.0.1:${ports.blob}/devstoreaccount1`,
      `http://127.0.0.1:${ports.queue}/devstoreaccount1`,
      `http://127.0.0.1:${ports.table}/devstoreaccount1`,
    ] });
    expect(services.cosmos).toMatchObject({ action: 'started', endpoints: [`https://127.0.0.1:${cosmosPort}/`] });
    await probeCosmos({ endpoint: `https://localhost:${cosmosPort}/`, key: 'any' });
    expect(await readdir(join(dir, 'azurite'))).toContain('__azurite_db_blob__.json');

    await services.stop();
    const all = [ports.blob, ports.queue, ports.table, cosmosPort];
    expect(await Promise.all(all.map((p) => isListening(LOCAL_HOST, p)))).toEqual([false, false, false, false]);
  });

  it('names the service and port when a storage port is held by something that is not Azurite', async () => {
    const impostor = await occupyPort();
    cleanups.push(() => impostor.close());
    const ports = { ...(await freeStoragePorts()), queue: impostor.port };

    const failure = startServices({ dataDir: await dataDir(), settings: { AzureWebJobsStorage: azuriteConnectionString(ports) } });

    await expect(failure).rejects.toBeInstanceOf(PortInUseError);
    await expect(failure).rejects.toMatchObject({ service: 'Azurite queue', host: LOCAL_HOST, port: impostor.port });
    await expect(failure).rejects.toThrow(`Azurite queue: 127.0.0.1:${impostor.port} is already in use by something that is not a healthy Azurite queue`);
  });

  it('names the port when the Cosmos port is held by something that is not the emulator', async () => {
    const impostor = await occupyPort();
    cleanups.push(() => impostor.close());

    const failure = startServices({ dataDir: await dataDir(), settings: { COSMOS_ENDPOINT: `https://127.0.0.1:${impostor.port}` } });

    await expect(failure).rejects.toMatchObject({ name: 'PortInUseError', service: 'Cosmos DB emulator', port: impostor.port });
  });

  it('stops the emulator it started when Azurite cannot be provided', async () => {
    const impostor = await occupyPort();
    cleanups.push(() => impostor.close());
    const cosmosPort = await findFreePort();
    const ports = { ...(await freeStoragePorts()), blob: impostor.port };

    await expect(
      startServices({
        dataDir: await dataDir(),
        settings: { AzureWebJobsStorage: azuriteConnectionString(ports), COSMOS_ENDPOINT: `https://127.0.0.1:${cosmosPort}` },
      }),
    ).rejects.toBeInstanceOf(PortInUseError);
    await waitUntilPortsClosed([cosmosPort], 5000);
  });

  it('refuses a local storage setting with an account Azurite does not serve', async () => {
    const ports = await freeStoragePorts();
    const settings = { AzureWebJobsStorage: azuriteConnectionString(ports).replace(DEV_STORE_KEY, REMOTE_KEY) };

    const failure = startServices({ dataDir: await dataDir(), settings });

    await expect(failure).rejects.toBeInstanceOf(ServiceStartError);
    await expect(failure).rejects.toThrow(/not with the devstoreaccount1 account and key that Azurite serves/);
    await expect(failure).rejects.not.toThrow(REMOTE_KEY);
  });

  it('refuses a plain-http local COSMOS_ENDPOINT: the emulator only serves HTTPS', async () => {
    const settings = { COSMOS_ENDPOINT: `http://127.0.0.1:${await findFreePort()}` };

    await expect(startServices({ dataDir: await dataDir(), settings })).rejects.toThrow(
      /COSMOS_ENDPOINT must be https:\/\//,
    );
  });
});
