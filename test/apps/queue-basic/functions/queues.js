const { app } = require('@azure/functions');
const probe = require('../../probe');

app.storageQueue('record', {
  queueName: '%RECORD_QUEUE%',
  connection: 'AzureWebJobsStorage',
  handler: async (message, context) => {
    probe.events.push({ kind: 'record', message, metadata: context.triggerMetadata });
  },
});

// Fails while the delivery count is at most `failUntil` (always, when it is absent).
app.storageQueue('flaky', {
  queueName: '%FLAKY_QUEUE%',
  handler: async (message, context) => {
    const dequeueCount = context.triggerMetadata.dequeueCount;
    probe.events.push({ kind: 'flaky', message, dequeueCount });
    if (message.failUntil === undefined || dequeueCount <= message.failUntil) {
      throw new Error(`flaky failure on delivery ${dequeueCount}`);
    }
  },
});

// Holds every message until the test opens the "slow" gate, counting how many run at once.
app.storageQueue('slow', {
  queueName: '%SLOW_QUEUE%',
  handler: async (message) => {
    probe.active = (probe.active || 0) + 1;
    probe.maxActive = Math.max(probe.maxActive || 0, probe.active);
    probe.events.push({ kind: 'slow-start', message });
    try {
      await probe.gates.get('slow')?.promise;
    } finally {
      probe.active -= 1;
    }
    probe.events.push({ kind: 'slow-end', message });
  },
});
