import { describe, expect, it } from 'vitest';
import { queueOptions } from '../../src/host/triggers/queueOptions';

describe('queue options from host.json', () => {
  it('uses Azure defaults, with a 2 s polling cap in development', () => {
    expect(queueOptions({ version: '2.0' }, {})).toEqual({
      batchSize: 16, newBatchThreshold: 8, maxPollingIntervalMs: 2_000, visibilityTimeoutMs: 0, maxDequeueCount: 5, encoding: 'base64',
    });
    expect(queueOptions({ version: '2.0' }, { AZURE_FUNCTIONS_ENVIRONMENT: 'Production' }).maxPollingIntervalMs).toBe(60_000);
  });

  it('reads every setting and derives newBatchThreshold from batchSize', () => {
    const options = queueOptions({
      version: '2.0',
      extensions: { queues: { batchSize: 5, maxPollingInterval: '00:00:10', visibilityTimeout: '00:00:30', maxDequeueCount: 2, messageEncoding: 'none' } },
    }, {});
    expect(options).toEqual({ batchSize: 5, newBatchThreshold: 2, maxPollingIntervalMs: 10_000, visibilityTimeoutMs: 30_000, maxDequeueCount: 2, encoding: 'none' });
  });

  it('names the setting and the accepted values when one is wrong', () => {
    expect(() => queueOptions({ version: '2.0', extensions: { queues: { batchSize: 64 } } }, {}))
      .toThrow('host.json extensions.queues.batchSize: expected an integer from 1 to 32, got 64.');
    expect(() => queueOptions({ version: '2.0', extensions: { queues: { maxPollingInterval: '00:00:00.050' } } }, {}))
      .toThrow('host.json extensions.queues.maxPollingInterval: "00:00:00.050" is below the minimum of 100 ms.');
    expect(() => queueOptions({ version: '2.0', extensions: { queues: { messageEncoding: 'utf8' as 'none' } } }, {}))
      .toThrow('host.json extensions.queues.messageEncoding: expected "base64" or "none", got "utf8".');
  });
});
