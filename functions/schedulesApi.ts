import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { appDeps } from '../src/composition';
import { durableJobRunner } from '../src/jobs/durableJobRunner';
import { withErrors } from '../src/jobs/api/withErrors';
import type { ApiResponse } from '../src/jobs/api/responses';
import { scheduleDepsOf } from '../src/schedules/appScheduleDeps';
import type { ScheduleDeps } from '../src/schedules/deps';
import {
  deleteScheduleRequest, enableScheduleRequest, listSchedulesRequest, putScheduleRequest, showScheduleRequest, triggerScheduleRequest,
} from '../src/schedules/api/handlers';

/** The schedules HTTP API (auth level function). Handlers live in src/schedules/api; this file only registers them. */

type Handler = (deps: ScheduleDeps, request: HttpRequest) => Promise<ApiResponse>;

function scheduleRoute(name: string, route: string, method: 'GET' | 'PUT' | 'POST' | 'DELETE', handler: Handler): void {
  app.http(name, {
    route,
    methods: [method],
    authLevel: 'function',
    extraInputs: [df.input.durableClient()],
    handler: withErrors(async (request: HttpRequest, context: InvocationContext) => handler(scheduleDepsOf(await appDeps(), durableJobRunner(df.getClient(context))), request)),
  });
}

scheduleRoute('schedulesPut', 'schedules/{name}', 'PUT', putScheduleRequest);
scheduleRoute('schedulesShow', 'schedules/{name}', 'GET', showScheduleRequest);
scheduleRoute('schedulesDelete', 'schedules/{name}', 'DELETE', deleteScheduleRequest);
scheduleRoute('schedulesList', 'schedules', 'GET', listSchedulesRequest);
scheduleRoute('schedulesEnable', 'schedules/{name}/enable', 'POST', (deps, request) => enableScheduleRequest(deps, request, true));
scheduleRoute('schedulesDisable', 'schedules/{name}/disable', 'POST', (deps, request) => enableScheduleRequest(deps, request, false));
scheduleRoute('schedulesTrigger', 'schedules/{name}/trigger', 'POST', triggerScheduleRequest);
