import { describe, expect, it } from 'vitest';
import { parseInputUri } from '../../src/adapters/blob/inputUris';

describe('parseInputUri', () => {
  const azure = { accountUrl: 'https://myaccount.blob.core.windows.net/' };
  const azurite = { accountUrl: 'http://127.0.0.1:10000/devstoreaccount1' };

  it('reads host-style Azure URLs and path-style Azurite URLs of the configured account', () => {
    expect(parseInputUri('https://myaccount.blob.core.windows.net/data/iris/train.csv?sv=x', azure)).toEqual({ container: 'data', path: 'iris/train.csv', folderOnly: false });
    expect(parseInputUri('http://127.0.0.1:10000/devstoreaccount1/data/iris/', azurite)).toEqual({ container: 'data', path: 'iris', folderOnly: true });
    expect(parseInputUri('https://myaccount.blob.core.windows.net/data', azure)).toEqual({ container: 'data', path: '', folderOnly: true });
  });

  it('decodes percent-escapes in blob paths', () => {
    expect(parseInputUri('https://myaccount.blob.core.windows.net/data/my%20file%231.csv', azure).path).toBe('my file#1.csv');
  });

  it('maps datastores to containers, by name or through the datastores option', () => {
    expect(parseInputUri('azureml://datastores/workspaceblobstore/paths/a/b.csv', azure)).toEqual({ container: 'workspaceblobstore', path: 'a/b.csv', folderOnly: false });
    expect(parseInputUri('azureml://datastores/my_store/paths/a/', { ...azure, datastores: { my_store: 'my-store' } })).toEqual({ container: 'my-store', path: 'a', folderOnly: true });
  });

  it('refuses another account, even one that shares the host (Azurite serves several)', () => {
    expect(() => parseInputUri('http://127.0.0.1:10000/otheraccount/data/x', azurite)).toThrow(/is not in the configured storage account; expected http:\/\/127\.0\.0\.1:10000\/devstoreaccount1\/<container>\/<path>/);
    expect(() => parseInputUri('http://myaccount.blob.core.windows.net/data/x', azure)).toThrow(/not in the configured storage account/);
  });

  it('refuses a malformed escape and an invalid container name', () => {
    expect(() => parseInputUri('https://myaccount.blob.core.windows.net/data/%E0%A4%A', azure)).toThrow(/malformed percent-escape/);
    expect(() => parseInputUri('https://myaccount.blob.core.windows.net/Data_Set/x', azure)).toThrow(/names container "Data_Set", which is not a valid container name/);
  });
});
