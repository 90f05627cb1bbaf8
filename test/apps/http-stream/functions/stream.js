const { app } = require('@azure/functions');
const probe = require('../../probe');

app.setup({ enableHttpStream: true });

// Reads the request body as a stream and reports its size and the request's headers and params.
app.http('upload', {
  methods: ['POST'],
  route: 'upload/{name}',
  handler: async (request) => {
    let size = 0;
    for await (const chunk of request.body) size += chunk.length;
    return { jsonBody: { name: request.params.name, size, contentType: request.headers.get('content-type'), query: request.query.get('q') } };
  },
});

// Sends a first chunk, then waits for the test to open the "stream" gate before finishing.
app.http('ticker', {
  methods: ['GET'],
  handler: async () => {
    const encoder = new TextEncoder();
    const body = new ReadableStream({
      async start(controller) {
        controller.enqueue(encoder.encode('first;'));
        await probe.gates.get('stream')?.promise;
        controller.enqueue(encoder.encode('second'));
        controller.close();
      },
    });
    return { status: 200, headers: { 'content-type': 'text/plain' }, body };
  },
});

app.http('streamFail', {
  methods: ['GET'],
  handler: async () => {
    throw new Error('stream secret failure');
  },
});

app.http('streamNothing', { methods: ['GET'], handler: async () => undefined });
