import { app } from '@azure/functions';
import { listJobsRequest } from '../src/api/listJobs';
import { withApiErrors } from '../src/api/respond';
import { appDeps } from '../src/composition';

/** `GET /api/jobs`: jobs filtered by status, type, experiment and tags, paged, with counts per status (src/api/listJobs.ts). */
app.http('jobsList', {
  route: 'jobs',
  methods: ['GET'],
  authLevel: 'function',
  handler: withApiErrors(async (request) => listJobsRequest((await appDeps()).jobs, request)),
});
