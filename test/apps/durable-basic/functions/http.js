'use strict';
const { app } = require('@azure/functions');
const df = require('durable-functions');

// The HTTP starter every Durable Functions sample has.
app.http('StartOrchestration', {
  route: 'orchestrators/{name}/{instanceId?}',
  methods: ['POST'],
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: async (request, context) => {
    const client = df.getClient(context);
    const body = await request.text();
    const instanceId = await client.startNew(request.params.name, {
      instanceId: request.params.instanceId,
      input: body ? JSON.parse(body) : undefined,
    });
    context.log(`Started orchestration with ID = '${instanceId}'.`);
    return client.createCheckStatusResponse(request, instanceId);
  },
});

app.http('RunOrchestration', {
  route: 'run/{name}',
  methods: ['POST'],
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: async (request, context) => {
    const client = df.getClient(context);
    const body = await request.text();
    const instanceId = await client.startNew(request.params.name, { input: body ? JSON.parse(body) : undefined });
    return client.waitForCompletionOrCreateCheckStatusResponse(request, instanceId, { timeoutInMilliseconds: 20000, retryIntervalInMilliseconds: 50 });
  },
});

// Client operations, one route each, to exercise the management API through durable-functions.
app.http('ClientOps', {
  route: 'ops/{op}/{id?}',
  methods: ['GET', 'POST', 'DELETE'],
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: async (request, context) => {
    const client = df.getClient(context);
    const { op, id } = request.params;
    const body = request.method === 'POST' ? await request.text() : '';
    const input = body ? JSON.parse(body) : undefined;
    switch (op) {
      case 'status': return { jsonBody: await client.getStatus(id, { showHistory: true, showHistoryOutput: true, showInput: true }) };
      case 'raise': await client.raiseEvent(id, input.name, input.data); return { status: 202 };
      case 'terminate': await client.terminate(id, input.reason); return { status: 202 };
      case 'suspend': await client.suspend(id, 'paused by test'); return { status: 202 };
      case 'resume': await client.resume(id, 'resumed by test'); return { status: 202 };
      case 'purge': return { jsonBody: await client.purgeInstanceHistory(id) };
      case 'all': return { jsonBody: await client.getStatusAll() };
      case 'by': return { jsonBody: await client.getStatusBy({ runtimeStatus: input.runtimeStatus }) };
      case 'signal': await client.signalEntity(new df.EntityId('Tally', id), 'add', input); return { status: 202 };
      case 'entity': {
        const state = await client.readEntityState(new df.EntityId('Tally', id));
        return { jsonBody: { exists: state.entityExists, state: state.entityState } };
      }
      default: return { status: 400, body: `unknown op ${op}` };
    }
  },
});
