import { app } from '@azure/functions';
import { jobOutputsRequest } from '../src/api/jobOutputs';
import { withApiErrors } from '../src/api/respond';
import { appDeps } from '../src/composition';

/** `GET /api/jobs/{name}/outputs[/{output}[?path=<file>]]`: outputs, their files, and one file's content (src/api/jobOutputs.ts). */
app.http('jobOutputs', {
  route: 'jobs/{name}/outputs/{output?}',
  methods: ['GET'],
  authLevel: 'function',
  handler: withApiErrors(async (request) => jobOutputsRequest(await appDeps(), request)),
});
