const { app } = require('@azure/functions');

app.http('getItem', {
  methods: ['GET'],
  route: 'items/{id:int}',
  handler: async (request) => ({ jsonBody: { function: 'getItem', params: request.params } }),
});

app.http('deleteItem', {
  methods: ['DELETE'],
  route: 'items/{id:int}',
  handler: async () => ({ status: 204 }),
});

app.http('itemByName', {
  methods: ['GET'],
  route: 'items/{name:alpha}',
  handler: async (request) => ({ jsonBody: { function: 'itemByName', params: request.params } }),
});

app.http('thing', {
  methods: ['GET'],
  route: 'things/{id:guid}',
  handler: async (request) => ({ jsonBody: { function: 'thing', params: request.params } }),
});

app.http('pages', {
  methods: ['GET'],
  route: 'pages/{page?}',
  handler: async (request) => ({ jsonBody: { function: 'pages', params: request.params } }),
});

app.http('files', {
  methods: ['GET'],
  route: 'files/{*path}',
  handler: async (request) => ({ jsonBody: { function: 'files', params: request.params } }),
});

app.http('report', {
  methods: ['GET'],
  route: 'reports/{year:int:range(2000,2100)}/{name}.{ext}',
  handler: async (request) => ({ jsonBody: { function: 'report', params: request.params } }),
});
