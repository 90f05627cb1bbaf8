'use strict';
const df = require('durable-functions');

df.app.activity('Noop', { handler: (n) => n });

df.app.orchestration('FanOutNoop', function* (context) {
  const n = context.df.getInput();
  const tasks = [];
  for (let i = 0; i < n; i++) tasks.push(context.df.callActivity('Noop', i));
  const results = yield context.df.Task.all(tasks);
  return results.length;
});

df.app.orchestration('ChainNoop', function* (context) {
  const n = context.df.getInput();
  for (let i = 0; i < n; i++) yield context.df.callActivity('Noop', i);
  return n;
});
