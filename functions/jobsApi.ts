import { randomUUID } from 'node:crypto';
import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { appDeps } from '../src/composition';
import { durableJobRunner } from '../src/jobs/durableJobRunner';
import { cancelJobRequest, redriveJobRequest, showJobRequest, showRejectedRequest, submitJobRequest } from '../src/jobs/api/handlers';
import { withErrors } from '../src/jobs/api/withErrors';

/** The jobs HTTP API (auth level function). Handlers live in src/jobs/api; this file only registers them. */

app.http('jobsSubmit', {
  route: 'jobs',
  methods: ['POST'],
  authLevel: 'function',
  extraInputs: [df.input.durableClient()],
  handler: withErrors(async (request, context) => {
    const deps = await appDeps();
    return submitJobRequest(deps.submitDeps(durableJobRunner(df.getClient(context))), request, randomUUID);
  }),
});

app.http('jobsShow', {
  route: 'jobs/{name}',
  methods: ['GET'],
  authLevel: 'function',
  handler: withErrors(async (request) => showJobRequest((await appDeps()).jobs, request)),
});

app.http('jobsCancel', {
  route: 'jobs/{name}/cancel',
  methods: ['POST'],
  authLevel: 'function',
  extraInputs: [df.input.durableClient()],
  handler: withErrors(async (request, context) => {
    const deps = await appDeps();
    return cancelJobRequest({ jobs: deps.jobs, clock: deps.clock, runner: durableJobRunner(df.getClient(context)) }, request);
  }),
});

app.http('rejectedSubmissionsShow', {
  route: 'rejected-submissions/{id}',
  methods: ['GET'],
  authLevel: 'function',
  handler: withErrors(async (request) => showRejectedRequest((await appDeps()).jobs, request)),
});

app.http('jobsRedrive', {
  route: 'jobs/{name}/redrive',
  methods: ['POST'],
  authLevel: 'function',
  extraInputs: [df.input.durableClient()],
  handler: withErrors(async (request, context) => {
    const deps = await appDeps();
    return redriveJobRequest({ jobs: deps.jobs, clock: deps.clock, runner: durableJobRunner(df.getClient(context)) }, request);
  }),
});
