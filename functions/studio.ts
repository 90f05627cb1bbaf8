import { app } from '@azure/functions';
import { studioAssetFile, studioJobPage, studioJobsPage } from '../src/studio/handlers';

/**
 * The studio: the pages behind each job's `studio_url` (anonymous; they hold no data and fetch it
 * from the job API with the key the page was opened with, `?code=`). Handlers in src/studio.
 */

app.http('studioJobs', {
  route: 'studio',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: (request) => studioJobsPage(request),
});

app.http('studioJob', {
  route: 'studio/jobs/{name}',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: (request) => studioJobPage(request),
});

app.http('studioAssets', {
  route: 'studio/assets/{file}',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: (request) => studioAssetFile(request),
});
