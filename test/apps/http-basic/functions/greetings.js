const { app } = require('@azure/functions');

// Default route (the function name) and the library's default methods (GET, POST).
app.http('hello', {
  handler: async (request) => {
    const body = request.method === 'POST' ? await request.text() : '';
    const name = request.query.get('name') || body || 'world';
    return { body: `Hello, ${name}` };
  },
});

app.http('noReturn', { methods: ['GET'], handler: async () => undefined });

app.http('fail', {
  methods: ['GET'],
  handler: async () => {
    throw new Error('database password hunter2 rejected at /srv/secret/path');
  },
});
