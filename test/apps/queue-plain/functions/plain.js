const { app, output } = require('@azure/functions');
const probe = require('../../probe');

const forward = output.storageQueue({ queueName: '%PLAIN_OUT_QUEUE%', connection: 'AzureWebJobsStorage' });

// Reads raw (not base64) messages and forwards them, also raw, to another queue.
app.storageQueue('plain', {
  queueName: '%PLAIN_QUEUE%',
  extraOutputs: [forward],
  handler: async (message, context) => {
    probe.events.push({ kind: 'plain', message });
    context.extraOutputs.set(forward, `forwarded: ${typeof message === 'string' ? message : JSON.stringify(message)}`);
  },
});
