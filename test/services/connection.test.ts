import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../src/adapters/loopback';
import {
  DEV_STORE_KEY,
  describeStorageConnection,
  parseStorageConnectionString,
  StorageConnectionStringError,
} from '../../src/adapters/storage/connection';

const KEY = 'c2VjcmV0LWtleS1mb3ItdGVzdHM=';

describe('parseStorageConnectionString', () => {
  it('maps UseDevelopmentStorage=true to devstoreaccount1 on the standard loopback ports', () => {
    expect(parseStorageConnectionString('UseDevelopmentStorage=true')).toEqual({
      accountName: 'devstoreaccount1',
      accountKey: DEV_STORE_KEY,
      blobEndpoint: 'http://127.0.0.1:10000/devstoreaccount1',
      queueEndpoint: 'http://127.0.0.1:10001/devstoreaccount1',
      tableEndpoint: 'http://127.0.0.1:10002/devstoreaccount1',
      isLocal: true,
    });
  });

  it('builds host-style endpoints from AccountName, DefaultEndpointsProtocol and EndpointSuffix', () => {
    const conn = parseStorageConnectionString(
      `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${KEY};EndpointSuffix=core.chinacloudapi.cn`,
    );
    expect(conn).toMatchObject({
      accountName: 'acme',
      accountKey: KEY,
      blobEndpoint: 'https://acme.blob.core.chinacloudapi.cn',
      queueEndpoint: 'https://acme.queue.core.chinacloudapi.cn',
      tableEndpoint: 'https://acme.table.core.chinacloudapi.cn',
      isLocal: false,
    });
  });

  it('defaults to https and core.windows.net', () => {
    const conn = parseStorageConnectionString(`AccountName=acme;AccountKey=${KEY}`);
    expect(conn.queueEndpoint).toBe('https://acme.queue.core.windows.net');
  });

  it('keeps the key intact even though it ends with "="', () => {
    expect(parseStorageConnectionString(`AccountName=a;AccountKey=${DEV_STORE_KEY}`).accountKey).toBe(DEV_STORE_KEY);
  });

  it('uses explicit service endpoints, without trailing slashes, and marks loopback ones as local', () => {
    const conn = parseStorageConnectionString(
      `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${DEV_STORE_KEY};` +
        'BlobEndpoint=http://127.0.0.1:20000/devstoreaccount1/;QueueEndpoint=http://localhost:20001/devstoreaccount1;' +
        'TableEndpoint=http://[::1]:20002/devstoreaccount1;',
    );
    expect(conn).toMatchObject({
      blobEndpoint: 'http://127.0.0.1:20000/devstoreaccount1',
      queueEndpoint: 'http://localhost:20001/devstoreaccount1',
      tableEndpoint: 'http://[::1]:20002/devstoreaccount1',
      isLocal: true,
    });
  });

  it('is not local when any one endpoint is remote', () => {
    const conn = parseStorageConnectionString(`AccountName=acme;AccountKey=${KEY};BlobEndpoint=http://127.0.0.1:10000/acme`);
    expect(conn.isLocal).toBe(false);
  });

  it('reads field names case-insensitively', () => {
    expect(parseStorageConnectionString('usedevelopmentstorage=TRUE').accountName).toBe('devstoreaccount1');
    expect(parseStorageConnectionString(`accountname=acme;ACCOUNTKEY=${KEY}`).accountKey).toBe(KEY);
  });

  it('accepts a SAS instead of a key and reads the account name from the endpoint', () => {
    const hostStyle = parseStorageConnectionString(
      'BlobEndpoint=https://acme.blob.core.windows.net;QueueEndpoint=https://acme.queue.core.windows.net;' +
        'TableEndpoint=https://acme.table.core.windows.net;SharedAccessSignature=?sv=2024-01-01&sig=abc',
    );
    expect(hostStyle).toMatchObject({ accountName: 'acme', sharedAccessSignature: 'sv=2024-01-01&sig=abc' });
    expect(hostStyle.accountKey).toBeUndefined();
    const pathStyle = parseStorageConnectionString(
      'BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;' +
        'TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;SharedAccessSignature=sv=1&sig=x',
    );
    expect(pathStyle.accountName).toBe('devstoreaccount1');
  });

  it.each([
    ['an empty string', '', /empty/],
    ['a segment without "="', 'AccountName=acme;AccountKey', /segment 2 is not Name=Value/],
    ['a stray piece of a key', `AccountName=acme;AccountKey=x;${KEY}`, /segment 3 has an unknown field name/],
    ['an unknown (misspelt) field', `AccountName=acme;AcountKey=${KEY}`, /unknown field "AcountKey"/],
    ['a repeated field', `AccountName=a;AccountName=b;AccountKey=${KEY}`, /AccountName appears twice/],
    ['no credentials', 'AccountName=acme', /missing AccountKey or SharedAccessSignature/],
    ['no account and no endpoints', `AccountKey=${KEY}`, /missing AccountName \(or an explicit BlobEndpoint\)/],
    ['an endpoint that is not a URL', `AccountName=a;AccountKey=${KEY};QueueEndpoint=nope`, /QueueEndpoint is not a URL/],
    ['a bad protocol', `DefaultEndpointsProtocol=ftp;AccountName=a;AccountKey=${KEY}`, /must be http or https/],
    ['the storage emulator proxy', 'UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://x', /not supported/],
  ])('rejects %s, naming the problem and never echoing the key', (_case, input, problem) => {
    let error: unknown;
    try {
      parseStorageConnectionString(input);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StorageConnectionStringError);
    expect((error as Error).message).toMatch(problem);
    expect((error as Error).message).not.toContain(KEY);
  });

  it('describes a connection for logs without its key or SAS', () => {
    const text = describeStorageConnection(
      parseStorageConnectionString(`AccountName=acme;AccountKey=${KEY};SharedAccessSignature=sig=hush`),
    );
    expect(text).toContain('https://acme.blob.core.windows.net');
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('hush');
  });
});

describe('isLoopbackHost', () => {
  it.each(['localhost', '127.0.0.1', '127.8.9.10', '[::1]', '::1', 'LOCALHOST', 'app.localhost'])('treats %s as this machine', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['acme.blob.core.windows.net', '10.0.0.1', '128.0.0.1', '[::2]', 'localhost.example.com', '0.0.0.0'])(
    'treats %s as remote',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );
});
