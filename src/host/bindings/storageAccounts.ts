import type { BlobServiceClient, ContainerClient } from '@azure/storage-blob';
import type { QueueClient, QueueServiceClient } from '@azure/storage-queue';
import {
  blobServiceClient,
  parseStorageConnectionString,
  queueServiceClient,
  type StorageConnection,
} from '../../adapters/storage/connection';
import { resolveConnection } from '../core/appConfig';

/**
 * Storage clients for the `connection` settings of bindings and triggers, built once per
 * connection string and shared by the host. Queues and containers are created on first use, as
 * the Functions host does.
 */
export class StorageAccounts {
  private readonly connections = new Map<string, StorageConnection>();
  private readonly queueServices = new Map<string, QueueServiceClient>();
  private readonly blobServices = new Map<string, BlobServiceClient>();
  private readonly ensured = new Map<string, Promise<void>>();

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** The parsed connection for a binding's `connection` setting name (empty = AzureWebJobsStorage). */
  connection(settingName: string | undefined): StorageConnection {
    const value = resolveConnection(settingName, this.env);
    let parsed = this.connections.get(value);
    if (!parsed) {
      const setting = settingName || 'AzureWebJobsStorage';
      try {
        parsed = parseStorageConnectionString(value);
      } catch (err) {
        throw new Error(`Connection setting "${setting}": ${(err as Error).message}`, { cause: err });
      }
      this.connections.set(value, parsed);
    }
    return parsed;
  }

  queueService(settingName: string | undefined): QueueServiceClient {
    const conn = this.connection(settingName);
    return cached(this.queueServices, conn.queueEndpoint, () => queueServiceClient(conn));
  }

  blobService(settingName: string | undefined): BlobServiceClient {
    const conn = this.connection(settingName);
    return cached(this.blobServices, conn.blobEndpoint, () => blobServiceClient(conn));
  }

  /** The queue, created if it does not exist yet. */
  async queue(settingName: string | undefined, queueName: string): Promise<QueueClient> {
    const client = this.queueService(settingName).getQueueClient(queueName);
    await this.ensureOnce(`queue ${client.url}`, async () => { await client.createIfNotExists(); });
    return client;
  }

  /** The blob container, created if it does not exist yet. */
  async container(settingName: string | undefined, containerName: string): Promise<ContainerClient> {
    const client = this.blobService(settingName).getContainerClient(containerName);
    await this.ensureOnce(`container ${client.url}`, async () => { await client.createIfNotExists(); });
    return client;
  }

  /** Forgets that a queue or container exists (someone deleted it); the next use creates it again. */
  forget(url: string): void {
    this.ensured.delete(`queue ${url}`);
    this.ensured.delete(`container ${url}`);
  }

  private ensureOnce(key: string, create: () => Promise<void>): Promise<void> {
    let pending = this.ensured.get(key);
    if (!pending) {
      pending = create().catch((err: unknown) => {
        this.ensured.delete(key);
        throw err;
      });
      this.ensured.set(key, pending);
    }
    return pending;
  }
}

function cached<T>(map: Map<string, T>, key: string, create: () => T): T {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
