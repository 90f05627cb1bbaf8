const { app, output } = require('@azure/functions');

// Bindings the local host does not provide: these functions must fail alone, clearly.
app.serviceBusQueue('fromServiceBus', {
  connection: 'ServiceBusConnection',
  queueName: 'orders',
  handler: async () => undefined,
});

app.http('toEventHub', {
  methods: ['GET'],
  extraOutputs: [output.eventHub({ eventHubName: 'telemetry', connection: 'EventHubConnection' })],
  handler: async () => ({ body: 'never runs' }),
});

app.http('missingSetting', {
  methods: ['GET'],
  extraOutputs: [output.storageQueue({ queueName: '%NOT_CONFIGURED_QUEUE%' })],
  handler: async () => ({ body: 'never runs' }),
});

// Supported types with broken settings: reported at start, like the unsupported ones.
app.storageQueue('unknownConnection', { queueName: 'orders', connection: 'MissingStorage', handler: async () => undefined });
app.storageQueue('badQueueName', { queueName: 'Bad_Queue', handler: async () => undefined });
app.timer('badSchedule', { schedule: 'every day at noon', handler: async () => undefined });
app.http('badRoute', { methods: ['GET'], route: 'reports/{year:number}', handler: async () => ({ body: 'never runs' }) });
