import { describe, expect, it } from 'vitest';
import { resolveAppSettings, resolveRuntimeExpressions } from '../../src/host/bindings/bindingExpressions';
import { decodeMessage, encodeMessage, MessageDecodingError, outputMessages } from '../../src/host/bindings/queueMessages';
import { redact } from '../../src/host/bindings/logText';
import { parseBlobPath } from '../../src/host/bindings/storageNames';

const context = { bindingData: { orderId: 'o-1', Customer: { Id: 42 } }, now: Date.UTC(2026, 1, 3, 4, 5, 6, 789), functionName: 'store' };

describe('binding expressions', () => {
  it('resolves %settings% in string settings and names the missing one', () => {
    const binding = { type: 'queue', direction: 'out', name: 'out', queueName: '%Q%-x', connection: 'Storage' };
    expect(resolveAppSettings(binding, { Q: 'jobs' }, 'where')).toEqual({ ...binding, queueName: 'jobs-x' });
    expect(() => resolveAppSettings(binding, {}, 'Function "f", binding "out"'))
      .toThrow('Function "f", binding "out": "queueName" refers to app setting %Q%, which is not set');
  });

  it('resolves {names} from trigger data case-insensitively, with dotted paths', () => {
    expect(resolveRuntimeExpressions('out/{orderId}/{customer.id}.json', context, 'path')).toBe('out/o-1/42.json');
  });

  it('resolves the built-ins rand-guid, DateTime and sys.*', () => {
    expect(resolveRuntimeExpressions('{DateTime}', context, 'path')).toBe('2026-02-03T04-05-06Z');
    expect(resolveRuntimeExpressions('{sys.utcnow}|{sys.methodname}', context, 'path')).toBe('2026-02-03T04:05:06.789Z|store');
    const [a, b] = [resolveRuntimeExpressions('{rand-guid}', context, 'p'), resolveRuntimeExpressions('{rand-guid}', context, 'p')];
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
  });

  it('says which name is missing and which ones exist', () => {
    expect(() => resolveRuntimeExpressions('out/{nope}', context, 'Function "f", blob output binding "b" path'))
      .toThrow('Function "f", blob output binding "b" path: "out/{nope}" uses {nope}, but the trigger provides no such value (available: Customer, orderId;');
  });
});

describe('queue message encoding', () => {
  it('encodes base64 by default and passes text through with "none"', () => {
    expect(encodeMessage('héllo', 'base64')).toBe(Buffer.from('héllo').toString('base64'));
    expect(encodeMessage(Buffer.from([1, 2]), 'base64')).toBe('AQI=');
    expect(encodeMessage('raw', 'none')).toBe('raw');
    expect(decodeMessage(Buffer.from('héllo').toString('base64'), 'base64')).toBe('héllo');
  });

  it('refuses text that is not base64 instead of decoding garbage', () => {
    expect(() => decodeMessage('not base64!', 'base64')).toThrow(MessageDecodingError);
    expect(() => decodeMessage('abc', 'base64')).toThrow('set messageEncoding to "none"');
  });

  it('turns an output value into messages: one per array item, objects as JSON', () => {
    expect(outputMessages({ json: JSON.stringify(['a', { b: 1 }, 2, null]) })).toEqual(['a', '{"b":1}', '2']);
    expect(outputMessages({ json: '{"x":1}' })).toEqual(['{"x":1}']);
    expect(outputMessages({ string: 'one' })).toEqual(['one']);
    expect(outputMessages({ int: 7 })).toEqual(['7']);
    expect(outputMessages({})).toEqual([]);
  });
});

describe('blob paths', () => {
  it('splits container and blob name, checking the container name', () => {
    expect(parseBlobPath('data/a/b.txt', 'p')).toEqual({ container: 'data', blobName: 'a/b.txt' });
    expect(() => parseBlobPath('Data/x', 'Function "f" path')).toThrow('Function "f" path: "Data/x" does not start with a valid container name');
    expect(() => parseBlobPath('data', 'p')).toThrow('has no blob name');
  });
});

describe('log text', () => {
  it('redacts SAS signatures, account keys and function keys', () => {
    expect(redact('GET https://a.blob.core.windows.net/c?sv=1&sig=abc%2F123&se=2 failed'))
      .toBe('GET https://a.blob.core.windows.net/c?sv=1&sig=REDACTED&se=2 failed');
    expect(redact('AccountName=a;AccountKey=xyz==;EndpointSuffix=core')).toBe('AccountName=a;AccountKey=REDACTED;EndpointSuffix=core');
    expect(redact('/api/secured?code=k1 and x-functions-key: k2')).toBe('/api/secured?code=REDACTED and x-functions-key: REDACTED');
  });
});
