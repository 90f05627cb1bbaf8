const { app } = require('@azure/functions');

app.http('secured', { methods: ['GET'], authLevel: 'function', handler: async () => ({ body: 'secured ok' }) });
app.http('adminOnly', { methods: ['GET'], authLevel: 'admin', handler: async () => ({ body: 'admin ok' }) });
app.http('open', { methods: ['GET'], authLevel: 'anonymous', handler: async () => ({ body: 'open ok' }) });
