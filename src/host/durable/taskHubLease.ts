import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { BlobLeaseClient, BlockBlobClient, ContainerClient } from '@azure/storage-blob';
import { blobServiceClient, type StorageConnection } from '../../adapters/storage/connection';
import { setTimeout as delay } from 'node:timers/promises';
import type { HostLogger } from '../runtime/logger';

const LEASE_SECONDS = 60;
const RENEW_EVERY_MS = 20_000;
const RETRY_EVERY_MS = 2_000;

function statusCode(err: unknown): number | undefined {
  return (err as { statusCode?: number }).statusCode;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One host at a time owns a task hub, as partition leases make it on the Azure Storage provider:
 * a blob lease renewed in the background. A host waiting for the lease takes it over at once when
 * the owner recorded on the blob is a process of this machine that no longer exists (a host killed
 * with SIGKILL), instead of waiting for the lease to expire.
 */
export class TaskHubLease {
  private readonly container: ContainerClient;
  private readonly blob: BlockBlobClient;
  private lease: BlobLeaseClient;
  private renewTimer: NodeJS.Timeout | undefined;
  private readonly owner = { host: hostname(), pid: String(process.pid), id: randomUUID() };

  constructor(connection: StorageConnection | string, hubName: string, private readonly logger: HostLogger) {
    this.container = blobServiceClient(connection).getContainerClient(`${hubName.toLowerCase()}-leases`);
    this.blob = this.container.getBlockBlobClient('taskhub');
    this.lease = this.blob.getBlobLeaseClient(this.owner.id);
  }

  /** Waits until this host owns the task hub (or the signal aborts). Real time, never virtual. */
  async acquire(signal?: AbortSignal): Promise<void> {
    await this.container.createIfNotExists();
    await this.blob.upload('', 0, { conditions: { ifNoneMatch: '*' } }).catch((err: unknown) => {
      if (statusCode(err) !== 409 && statusCode(err) !== 412) throw err;
    });
    let reported = false;
    for (;;) {
      try {
        await this.lease.acquireLease(LEASE_SECONDS);
        await this.blob.setMetadata(this.owner, { conditions: { leaseId: this.owner.id } });
        break;
      } catch (err) {
        if (statusCode(err) !== 409) throw err;
      }
      if (await this.breakIfOwnerIsGone()) continue;
      if (!reported) {
        this.logger.log('warn', 'Another host owns this task hub; waiting for it to stop (its lease expires within 60 s of a crash).');
        reported = true;
      }
      await delay(RETRY_EVERY_MS, undefined, { signal });
    }
    this.renewTimer = setInterval(() => {
      this.lease.renewLease().catch((err: unknown) => this.logger.log('error', `Task hub lease renewal failed: ${(err as Error).message}`));
    }, RENEW_EVERY_MS);
    this.renewTimer.unref();
  }

  private async breakIfOwnerIsGone(): Promise<boolean> {
    const { metadata } = await this.blob.getProperties();
    const pid = Number(metadata?.pid);
    if (metadata?.host !== this.owner.host || !Number.isInteger(pid) || processAlive(pid)) return false;
    this.logger.log('info', `Taking over the task hub from host process ${pid}, which no longer runs.`);
    await this.blob.getBlobLeaseClient().breakLease(0);
    return true;
  }

  async release(): Promise<void> {
    clearInterval(this.renewTimer);
    this.renewTimer = undefined;
    await this.lease.releaseLease().catch(() => undefined);
  }
}
