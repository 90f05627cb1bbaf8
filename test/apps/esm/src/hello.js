import { app } from '@azure/functions';

// An ES module app, with an empty route prefix: routes sit at the root.
app.http('esmHello', {
  methods: ['GET'],
  route: 'hello/{name}',
  handler: async (request) => ({ jsonBody: { greeting: `Hello from ESM, ${request.params.name}` } }),
});
