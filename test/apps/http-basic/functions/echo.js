const { app } = require('@azure/functions');

// Echoes what the library's HttpRequest saw, and answers with a status, headers and cookies.
app.http('echo', {
  methods: ['POST', 'PUT'],
  handler: async (request) => {
    const body = Buffer.from(await request.arrayBuffer());
    return {
      status: Number(request.query.get('status') || 200),
      headers: { 'x-echo-method': request.method, 'x-echo-length': String(body.length) },
      cookies: [{ name: 'session', value: 'abc', httpOnly: true, path: '/', sameSite: 'Lax' }],
      jsonBody: {
        method: request.method,
        url: request.url,
        query: Object.fromEntries(request.query.entries()),
        contentType: request.headers.get('content-type'),
        custom: request.headers.get('x-custom'),
        bodyBase64: body.toString('base64'),
      },
    };
  },
});
