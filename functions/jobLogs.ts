import { app } from '@azure/functions';
import { jobLogsRequest } from '../src/api/jobLogs';
import { withApiErrors } from '../src/api/respond';
import { appDeps } from '../src/composition';

/** `GET /api/jobs/{name}/logs` (the job's log files) and `GET /api/jobs/{name}/logs/{*path}` (one log: whole, a byte range or its tail); src/api/jobLogs.ts. */
app.http('jobLogs', {
  route: 'jobs/{name}/logs/{*path}',
  methods: ['GET'],
  authLevel: 'function',
  handler: withApiErrors(async (request) => jobLogsRequest(await appDeps(), request)),
});
