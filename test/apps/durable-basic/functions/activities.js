'use strict';
const df = require('durable-functions');

df.app.activity('Hello', { handler: (name) => `Hello, ${name}!` });
df.app.activity('Noop', { handler: (n) => n });
df.app.activity('Double', { handler: (n) => n * 2 });

// Fails until it has been called `failures` times for the same key.
const calls = new Map();
df.app.activity('Flaky', {
  handler: (input) => {
    const seen = (calls.get(input.key) ?? 0) + 1;
    calls.set(input.key, seen);
    if (seen <= input.failures) throw new Error(`flaky failure ${seen}`);
    return `ok after ${seen}`;
  },
});
df.app.activity('AlwaysFails', { handler: () => { throw new Error('boom'); } });
