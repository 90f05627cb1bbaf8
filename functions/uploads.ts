import { app } from '@azure/functions';
import { appDeps } from '../src/composition';
import { NotFoundError } from '../src/model';
import type { UploadStore } from '../src/ports';
import { beginUploadRequest, commitUploadRequest, putUploadFileRequest } from '../src/jobs/api/uploads';
import { withErrors } from '../src/jobs/api/withErrors';

/** The upload API the CLI sends a job's local folders through (auth level function); handlers in src/jobs/api/uploads.ts. */

async function uploads(): Promise<UploadStore> {
  const store = (await appDeps()).uploads;
  if (store === undefined) throw new NotFoundError('this app was composed without an upload store; submit jobs with --no-upload');
  return store;
}

app.http('uploadsBegin', {
  route: 'uploads',
  methods: ['POST'],
  authLevel: 'function',
  handler: withErrors(async (request) => beginUploadRequest(await uploads(), request)),
});

app.http('uploadsPutFile', {
  route: 'uploads/{hash}/files/{*path}',
  methods: ['PUT'],
  authLevel: 'function',
  handler: withErrors(async (request) => putUploadFileRequest(await uploads(), request)),
});

app.http('uploadsCommit', {
  route: 'uploads/{hash}/commit',
  methods: ['POST'],
  authLevel: 'function',
  handler: withErrors(async (request) => commitUploadRequest(await uploads(), request)),
});
