import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEV_STORE_ACCOUNT, DEV_STORE_KEY, parseStorageConnectionString } from '../../adapters/storage/connection';
import { LOCAL_HOST } from './ports';
import { probeStorage, STORAGE_SERVICES, type StorageService } from './probes';
import { waitForOutput, waitUntilAnswering } from './readiness';
import { spawnService, type ExitInfo } from './serviceProcess';

const START_TIMEOUT_MS = 30_000;

export interface AzuriteOptions {
  /** Directory for Azurite's data (created if missing); data survives restarts on the same one. */
  readonly location: string;
  /** 0 means any free port; the handle reports the port Azurite actually bound (no race). */
  readonly blobPort: number;
  readonly queuePort: number;
  readonly tablePort: number;
  /** Default true: no access log. With false, each request is logged through `onOutput`. */
  readonly silent?: boolean;
  /**
   * Azurite's loose mode ignores headers and parameters it does not implement instead of
   * rejecting the request. Off by default: a silently ignored header (say, a condition) would
   * make local behaviour differ from Azure without anyone noticing. The SDKs we use do not need it.
   */
  readonly loose?: boolean;
  readonly startTimeoutMs?: number;
  /** Every line Azurite prints. */
  readonly onOutput?: (line: string) => void;
}

export interface AzuriteHandle {
  /** devstoreaccount1 with explicit endpoints, so non-standard ports work. */
  readonly connectionString: string;
  readonly blobEndpoint: string;
  readonly queueEndpoint: string;
  readonly tableEndpoint: string;
  readonly pid: number | undefined;
  /** Settles when the process ends, whether through `stop()` or not. */
  readonly exited: Promise<ExitInfo>;
  /** Graceful stop (Azurite saves its data), SIGKILL if that takes over 10 s. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts Azurite (blob, queue, table) on 127.0.0.1 as a child process that ends by itself if this
 * process dies. Resolves once each service answers a real SDK call.
 */
export async function startAzurite(options: AzuriteOptions): Promise<AzuriteHandle> {
  const location = resolve(options.location);
  mkdirSync(location, { recursive: true });
  const timeoutMs = options.startTimeoutMs ?? START_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const requested = { blob: options.blobPort, queue: options.queuePort, table: options.tablePort };
  const proc = spawnService({
    service: `Azurite on ${LOCAL_HOST} (${STORAGE_SERVICES.map((s) => `${s} :${requested[s] || 'any'}`).join(', ')})`,
    entry: azuriteEntry(),
    args: azuriteArgs(location, requested, options),
    ...(options.onOutput && { onOutput: options.onOutput }),
  });
  try {
    const listening = await waitForOutput(proc, LISTENING_LINES, timeoutMs);
    const port = (s: StorageService): number => Number(new URL(listening[s][1] ?? '').port);
    const connectionString = azuriteConnectionString({ blob: port('blob'), queue: port('queue'), table: port('table') });
    const conn = parseStorageConnectionString(connectionString);
    await waitUntilAnswering(proc, {
      where: `blob ${conn.blobEndpoint}, queue ${conn.queueEndpoint}, table ${conn.tableEndpoint}`,
      probe: () => probeStorage(conn),
      timeoutMs: Math.max(0, deadline - Date.now()),
    });
    return {
      connectionString,
      blobEndpoint: conn.blobEndpoint,
      queueEndpoint: conn.queueEndpoint,
      tableEndpoint: conn.tableEndpoint,
      pid: proc.pid,
      exited: proc.exited,
      stop: async () => {
        await proc.stop();
      },
    };
  } catch (err) {
    await proc.stop();
    throw err;
  }
}

/** The well-known development account, with explicit endpoints on 127.0.0.1. */
export function azuriteConnectionString(ports: Readonly<Record<StorageService, number>>): string {
  const url = (service: StorageService): string => `http://${LOCAL_HOST}:${ports[service]}/${DEV_STORE_ACCOUNT}`;
  return [
    'DefaultEndpointsProtocol=http',
    `AccountName=${DEV_STORE_ACCOUNT}`,
    `AccountKey=${DEV_STORE_KEY}`,
    `BlobEndpoint=${url('blob')}`,
    `QueueEndpoint=${url('queue')}`,
    `TableEndpoint=${url('table')}`,
  ].join(';');
}

// Printed by azurite 3.35's combined entry once each server is bound (also with --silent).
const LISTENING_LINES: Readonly<Record<StorageService, RegExp>> = {
  blob: /Blob service is successfully listening at (\S+)/,
  queue: /Queue service is successfully listening at (\S+)/,
  table: /Table service is successfully listening at (\S+)/,
};

function azuriteArgs(
  location: string,
  ports: Readonly<Record<StorageService, number>>,
  options: AzuriteOptions,
): string[] {
  const args = ['--location', location, '--skipApiVersionCheck', '--disableTelemetry'];
  for (const service of STORAGE_SERVICES) args.push(`--${service}Host`, LOCAL_HOST, `--${service}Port`, String(ports[service]));
  if (options.silent ?? true) args.push('--silent');
  if (options.loose) args.push('--loose');
  return args;
}

/** The combined `azurite` bin, found through the package's own manifest (never a shell or PATH). */
function azuriteEntry(): string {
  const manifest = require.resolve('azurite/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: Record<string, string> };
  const entry = bin?.['azurite'];
  if (entry === undefined) throw new Error(`${manifest} declares no "azurite" bin`);
  return join(dirname(manifest), entry);
}
