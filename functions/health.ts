import { app } from '@azure/functions';

/** `GET /api/health`: answers while the function app is up (used by `npm start` users and probes). */
app.http('health', {
  route: 'health',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: async () => ({ jsonBody: { status: 'ok', service: 'durable-jobs' } }),
});
