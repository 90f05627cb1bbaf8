import {
  BlobServiceClient,
  StorageSharedKeyCredential as BlobSharedKeyCredential,
  type StoragePipelineOptions as BlobPipelineOptions,
} from '@azure/storage-blob';
import {
  QueueServiceClient,
  StorageSharedKeyCredential as QueueSharedKeyCredential,
  type StoragePipelineOptions as QueuePipelineOptions,
} from '@azure/storage-queue';
import {
  AzureNamedKeyCredential,
  AzureSASCredential,
  TableClient,
  TableServiceClient,
  type TableServiceClientOptions,
} from '@azure/data-tables';
import { isLoopbackHost, isLoopbackUrl } from '../loopback';

/** The account every Azurite instance serves, with its published (not secret) key. */
export const DEV_STORE_ACCOUNT = 'devstoreaccount1';
export const DEV_STORE_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
/** `UseDevelopmentStorage=true` means exactly these ports on 127.0.0.1. */
export const DEV_STORE_PORTS = { blob: 10000, queue: 10001, table: 10002 } as const;

export interface StorageConnection {
  readonly accountName: string;
  readonly accountKey?: string;
  readonly sharedAccessSignature?: string;
  /** Service URLs without a trailing slash; Azurite's include the account path segment. */
  readonly blobEndpoint: string;
  readonly queueEndpoint: string;
  readonly tableEndpoint: string;
  /** All three endpoints are on this machine (Azurite). */
  readonly isLocal: boolean;
}

export class StorageConnectionStringError extends Error {
  override name = 'StorageConnectionStringError';
}

const ACCEPTED =
  'expected UseDevelopmentStorage=true, or AccountName=…;AccountKey=… (optionally DefaultEndpointsProtocol, ' +
  'EndpointSuffix, BlobEndpoint, QueueEndpoint, TableEndpoint, SharedAccessSignature)';
const KNOWN_FIELDS = [
  'UseDevelopmentStorage', 'DevelopmentStorageProxyUri', 'DefaultEndpointsProtocol', 'AccountName', 'AccountKey',
  'EndpointSuffix', 'SharedAccessSignature', 'BlobEndpoint', 'QueueEndpoint', 'TableEndpoint', 'FileEndpoint',
  'BlobSecondaryEndpoint', 'QueueSecondaryEndpoint', 'TableSecondaryEndpoint', 'FileSecondaryEndpoint',
];
type Service = 'blob' | 'queue' | 'table';

/**
 * Parses an Azure Storage connection string. Field names are case-insensitive. Errors name the
 * field at fault but never echo values, since the string carries the account key.
 */
export function parseStorageConnectionString(connectionString: string): StorageConnection {
  const fields = splitFields(connectionString);
  if (fields.has('developmentstorageproxyuri')) fail('DevelopmentStorageProxyUri is not supported');
  if (fields.get('usedevelopmentstorage')?.toLowerCase() === 'true') return developmentStorage();

  const protocol = fields.get('defaultendpointsprotocol')?.toLowerCase() ?? 'https';
  if (protocol !== 'http' && protocol !== 'https') fail('DefaultEndpointsProtocol must be http or https');
  const suffix = fields.get('endpointsuffix') ?? 'core.windows.net';
  const name = fields.get('accountname');
  const endpoint = (service: Service): string => {
    const field = `${service[0]!.toUpperCase()}${service.slice(1)}Endpoint`;
    const explicit = fields.get(field.toLowerCase());
    if (explicit !== undefined) return checkedEndpoint(field, explicit);
    if (name === undefined) fail(`missing AccountName (or an explicit ${field})`);
    return `${protocol}://${name}.${service}.${suffix}`;
  };
  const blobEndpoint = endpoint('blob');
  const queueEndpoint = endpoint('queue');
  const tableEndpoint = endpoint('table');
  const accountKey = fields.get('accountkey');
  const sharedAccessSignature = fields.get('sharedaccesssignature')?.replace(/^\?/, '');
  if (accountKey === undefined && sharedAccessSignature === undefined) fail('missing AccountKey or SharedAccessSignature');
  if (accountKey !== undefined && name === undefined) fail('AccountKey needs AccountName');
  return {
    accountName: name ?? accountNameFromEndpoint(blobEndpoint),
    ...(accountKey !== undefined && { accountKey }),
    ...(sharedAccessSignature !== undefined && { sharedAccessSignature }),
    blobEndpoint,
    queueEndpoint,
    tableEndpoint,
    isLocal: [blobEndpoint, queueEndpoint, tableEndpoint].every(isLoopbackUrl),
  };
}

/** A loggable one-line description: account and endpoints, never the key or SAS. */
export function describeStorageConnection(conn: StorageConnection): string {
  return `account ${conn.accountName} (blob ${conn.blobEndpoint}, queue ${conn.queueEndpoint}, table ${conn.tableEndpoint})`;
}

export function blobServiceClient(conn: StorageConnection | string, options?: BlobPipelineOptions): BlobServiceClient {
  const c = resolve(conn);
  return c.accountKey !== undefined
    ? new BlobServiceClient(c.blobEndpoint, new BlobSharedKeyCredential(c.accountName, c.accountKey), options)
    : new BlobServiceClient(withSas(c.blobEndpoint, c), undefined, options);
}

export function queueServiceClient(conn: StorageConnection | string, options?: QueuePipelineOptions): QueueServiceClient {
  const c = resolve(conn);
  return c.accountKey !== undefined
    ? new QueueServiceClient(c.queueEndpoint, new QueueSharedKeyCredential(c.accountName, c.accountKey), options)
    : new QueueServiceClient(withSas(c.queueEndpoint, c), undefined, options);
}

export function tableServiceClient(conn: StorageConnection | string, options?: TableServiceClientOptions): TableServiceClient {
  const c = resolve(conn);
  const opts = tableOptions(c, options);
  return c.accountKey !== undefined
    ? new TableServiceClient(c.tableEndpoint, new AzureNamedKeyCredential(c.accountName, c.accountKey), opts)
    : new TableServiceClient(c.tableEndpoint, new AzureSASCredential(c.sharedAccessSignature ?? ''), opts);
}

export function tableClient(conn: StorageConnection | string, table: string, options?: TableServiceClientOptions): TableClient {
  const c = resolve(conn);
  const opts = tableOptions(c, options);
  return c.accountKey !== undefined
    ? new TableClient(c.tableEndpoint, table, new AzureNamedKeyCredential(c.accountName, c.accountKey), opts)
    : new TableClient(c.tableEndpoint, table, new AzureSASCredential(c.sharedAccessSignature ?? ''), opts);
}

function developmentStorage(): StorageConnection {
  const url = (port: number): string => `http://127.0.0.1:${port}/${DEV_STORE_ACCOUNT}`;
  return {
    accountName: DEV_STORE_ACCOUNT,
    accountKey: DEV_STORE_KEY,
    blobEndpoint: url(DEV_STORE_PORTS.blob),
    queueEndpoint: url(DEV_STORE_PORTS.queue),
    tableEndpoint: url(DEV_STORE_PORTS.table),
    isLocal: true,
  };
}

function splitFields(connectionString: string): Map<string, string> {
  const fields = new Map<string, string>();
  const known = new Map(KNOWN_FIELDS.map((f) => [f.toLowerCase(), f]));
  connectionString.split(';').forEach((segment, index) => {
    if (segment.trim() === '') return;
    const eq = segment.indexOf('=');
    if (eq <= 0) fail(`segment ${index + 1} is not Name=Value`);
    const key = segment.slice(0, eq).trim().toLowerCase();
    const canonical = known.get(key);
    if (canonical === undefined) fail(unknownField(segment.slice(0, eq).trim(), index));
    if (fields.has(key)) fail(`${canonical} appears twice`);
    fields.set(key, segment.slice(eq + 1).trim());
  });
  if (fields.size === 0) fail('the connection string is empty');
  return fields;
}

/** Echo the name only if it looks like one: a stray piece of a key ("abc+/…=") must not be printed. */
function unknownField(name: string, index: number): string {
  return /^[A-Za-z]{2,32}$/.test(name) ? `unknown field "${name}"` : `segment ${index + 1} has an unknown field name`;
}

function checkedEndpoint(field: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    fail(`${field} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(`${field} must be an http(s) URL`);
  if (url.search !== '') fail(`${field} must not carry a query string (put a SAS in SharedAccessSignature)`);
  return url.href.replace(/\/+$/, '');
}

/** Azurite is path-style (`http://127.0.0.1:10000/account`); Azure is host-style (`https://account.blob…`). */
function accountNameFromEndpoint(endpoint: string): string {
  const url = new URL(endpoint);
  const name = isLoopbackHost(url.hostname) ? url.pathname.split('/')[1] : url.hostname.split('.')[0];
  if (!name) fail('missing AccountName (and it cannot be read from BlobEndpoint)');
  return name;
}

function fail(problem: string): never {
  throw new StorageConnectionStringError(`Invalid storage connection string: ${problem}; ${ACCEPTED}.`);
}

function resolve(conn: StorageConnection | string): StorageConnection {
  return typeof conn === 'string' ? parseStorageConnectionString(conn) : conn;
}

function withSas(endpoint: string, conn: StorageConnection): string {
  return `${endpoint}?${conn.sharedAccessSignature ?? ''}`;
}

/** Azurite's table endpoint is plain http; the SDK only allows that when told, and we only tell it for loopback. */
function tableOptions(c: StorageConnection, options?: TableServiceClientOptions): TableServiceClientOptions {
  return { ...options, allowInsecureConnection: isLoopbackUrl(c.tableEndpoint) };
}
