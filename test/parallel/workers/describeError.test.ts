import { describe, expect, it } from 'vitest';
import { describeError } from '../../../src/parallel/workers/describeError';

describe('describeError', () => {
  it('gives the stack and the causes, without frames of hidden folders and Node internals', () => {
    const error = new Error('cannot score', { cause: new TypeError('model is undefined') });
    error.stack = 'Error: cannot score\n    at run (/code/score.js:3:9)\n    at run (/pkg/workers/main.js:50:1)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)';
    (error.cause as Error).stack = 'TypeError: model is undefined\n    at load (/code/model.js:1:1)';

    expect(describeError(error, ['/pkg/workers/'])).toBe('Error: cannot score\n    at run (/code/score.js:3:9)\nCaused by: TypeError: model is undefined\n    at load (/code/model.js:1:1)');
  });

  it('describes thrown values that are not errors', () => {
    expect(describeError('out of coffee')).toBe('thrown string: out of coffee');
    expect(describeError({ code: 42 })).toBe('thrown value: {"code":42}');
  });
});
