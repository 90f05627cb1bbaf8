import type { StorageAccounts } from '../bindings/storageAccounts';
import type { TimerSchedule } from './timerSchedule';

/** As Azure stores it: ISO times; `Last` is `0001-01-01T00:00:00` until the first run. */
export interface ScheduleStatus {
  Last: string;
  Next: string;
  LastUpdated: string;
}

export const NEVER = '0001-01-01T00:00:00';
const HOSTS_CONTAINER = 'azure-webjobs-hosts';

/** Epoch ms of a status time; undefined for the "never" value. Times without a zone are UTC. */
export function statusTime(value: string): number | undefined {
  const ms = Date.parse(/(?:Z|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(ms) || new Date(ms).getUTCFullYear() < 1000 ? undefined : ms;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Timer schedule status in blob storage, where Azure keeps it:
 * `azure-webjobs-hosts/timers/<host-id>/Host.Functions.<name>/status`.
 */
export class BlobScheduleMonitor {
  constructor(private readonly accounts: StorageAccounts, private readonly hostId: string) {}

  statusPath(functionName: string): string {
    return `timers/${this.hostId}/Host.Functions.${functionName}/status`;
  }

  async read(functionName: string): Promise<ScheduleStatus | undefined> {
    const container = await this.accounts.container(undefined, HOSTS_CONTAINER);
    try {
      const text = (await container.getBlockBlobClient(this.statusPath(functionName)).downloadToBuffer()).toString('utf8');
      const status = JSON.parse(text) as Partial<ScheduleStatus>;
      return { Last: status.Last ?? NEVER, Next: status.Next ?? NEVER, LastUpdated: status.LastUpdated ?? NEVER };
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return undefined;
      throw err;
    }
  }

  async write(functionName: string, status: ScheduleStatus): Promise<void> {
    const container = await this.accounts.container(undefined, HOSTS_CONTAINER);
    const text = JSON.stringify(status);
    await container.getBlockBlobClient(this.statusPath(functionName)).upload(text, Buffer.byteLength(text), {
      blobHTTPHeaders: { blobContentType: 'application/json' },
    });
  }
}

/**
 * Azure's start-up check: with no status, record one (next occurrence from now). With one, redo
 * `Next` from `Last` (or `LastUpdated`) to detect a changed schedule. Returns the status to run
 * with and whether an occurrence was missed while the host was down.
 */
export function checkPastDue(status: ScheduleStatus | undefined, schedule: TimerSchedule, now: number): { status: ScheduleStatus; pastDue: boolean; changed: boolean } {
  if (!status) {
    return { status: { Last: NEVER, Next: iso(schedule.next(now)), LastUpdated: iso(now) }, pastDue: false, changed: true };
  }
  const base = statusTime(status.Last) ?? statusTime(status.LastUpdated) ?? now;
  let expected = schedule.next(base);
  let lastUpdated = base;
  let current = status;
  let changed = false;
  if (statusTime(status.Next) !== expected) {
    if (now > expected) {
      expected = schedule.next(now);
      lastUpdated = now;
    }
    current = { Last: NEVER, Next: iso(expected), LastUpdated: iso(lastUpdated) };
    changed = true;
  }
  const recordedNext = statusTime(current.Next) ?? now;
  return { status: current, pastDue: now > recordedNext, changed };
}
