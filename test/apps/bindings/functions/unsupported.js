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
