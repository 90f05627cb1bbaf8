'use strict';
const { app } = require('@azure/functions');
const df = require('durable-functions');

df.app.activity('SlowDouble', {
  handler: async (n) => {
    await new Promise((resolve) => setTimeout(resolve, 15));
    return n * 2;
  },
});

df.app.orchestration('FanOutSlow', function* (context) {
  const n = context.df.getInput();
  const tasks = [];
  for (let i = 0; i < n; i++) tasks.push(context.df.callActivity('SlowDouble', i));
  const results = yield context.df.Task.all(tasks);
  return { count: results.length, sum: results.reduce((a, b) => a + b, 0) };
});

app.http('Start', {
  route: 'start/{name}',
  methods: ['POST'],
  extraInputs: [df.input.durableClient()],
  handler: async (request, context) => {
    const client = df.getClient(context);
    const instanceId = await client.startNew(request.params.name, { input: await request.json() });
    return client.createCheckStatusResponse(request, instanceId);
  },
});
