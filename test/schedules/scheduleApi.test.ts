import { describe, expect, it } from 'vitest';
import type { ApiRequest } from '../../src/jobs/api/handlers';
import { knownErrorResponse, type ApiResponse } from '../../src/jobs/api/responses';
import {
  deleteScheduleRequest, enableScheduleRequest, listSchedulesRequest, putScheduleRequest, showScheduleRequest, triggerScheduleRequest,
} from '../../src/schedules/api/handlers';
import { FiringHarness } from './firingHarness';

function request(params: Record<string, string>, options: { body?: string; query?: string; contentType?: string } = {}): ApiRequest {
  const headers = new Map([['content-type', options.contentType ?? 'application/yaml']]);
  return { params, query: new URLSearchParams(options.query ?? ''), headers: { get: (name) => headers.get(name) ?? null }, text: async () => options.body ?? '' };
}

/** The answer, or the error answer withErrors would give. */
async function answer(call: Promise<ApiResponse>): Promise<ApiResponse> {
  return call.catch((err: unknown) => knownErrorResponse(err) ?? Promise.reject(err));
}

const YAML = `
trigger:
  type: cron
  expression: "0 2 * * *"
  time_zone: Pacific Standard Time
create_job:
  command: echo hi
  environment: azureml:env@latest
  environment_variables: { DB_PASSWORD: hunter2 }
`;

describe('the schedules API', () => {
  it('creates a schedule from YAML (201), shows it with its next five fire times and secrets as ***, and answers 200 to the same PUT', async () => {
    const h = new FiringHarness('2026-05-01T12:00:00Z');
    const created = await answer(putScheduleRequest(h.host(), request({ name: 'nightly' }, { body: YAML })));
    expect(created.status).toBe(201);
    expect(created.headers).toEqual({ Location: '/api/schedules/nightly' });
    const shown = await answer(showScheduleRequest(h.host(), request({ name: 'nightly' })));
    expect(shown.jsonBody).toMatchObject({
      name: 'nightly', is_enabled: true, catch_up: 'last', concurrency: 'allow', next_fire_time: '2026-05-02T09:00:00.000Z',
      upcoming_fire_times: ['2026-05-02T09:00:00.000Z', '2026-05-03T09:00:00.000Z', '2026-05-04T09:00:00.000Z', '2026-05-05T09:00:00.000Z', '2026-05-06T09:00:00.000Z'],
      create_job: { environment_variables: { DB_PASSWORD: '***' } },
    });
    expect(JSON.stringify(shown.jsonBody)).not.toContain('hunter2');
    expect((await answer(putScheduleRequest(h.host(), request({ name: 'nightly' }, { body: YAML })))).status).toBe(200);
    const yaml = await answer(showScheduleRequest(h.host(), request({ name: 'nightly' }, { query: 'format=yaml' })));
    expect(yaml.body).toContain('DB_PASSWORD: "***"');
  });

  it('answers 400 with the line and column of each problem of a YAML body', async () => {
    const h = new FiringHarness('2026-05-01T12:00:00Z');
    const refused = await answer(putScheduleRequest(h.host(), request({ name: 'bad' }, { body: 'trigger:\n  type: crontab\ncreate_job: {command: echo, environment: "azureml:e@latest"}\n' })));
    expect(refused.status).toBe(400);
    expect(refused.jsonBody).toMatchObject({ error: { code: 'ValidationError', details: [{ path: 'trigger.type', line: 2, col: 9, file: 'request body' }] } });
  });

  it('answers 400 when the body names another schedule than the URL', async () => {
    const h = new FiringHarness('2026-05-01T12:00:00Z');
    const refused = await answer(putScheduleRequest(h.host(), request({ name: 'a' }, { body: JSON.stringify({ name: 'b' }), contentType: 'application/json' })));
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.jsonBody)).toContain('the URL says \\"a\\"');
  });

  it('answers 404 for an unknown schedule and 409 when deleting an enabled one; deletes it forced or disabled (204)', async () => {
    const h = new FiringHarness('2026-05-01T12:00:00Z');
    expect((await answer(showScheduleRequest(h.host(), request({ name: 'ghost' })))).status).toBe(404);
    await h.put('kept');
    expect((await answer(deleteScheduleRequest(h.host(), request({ name: 'kept' })))).status).toBe(409);
    const disabled = await answer(enableScheduleRequest(h.host(), request({ name: 'kept' }), false));
    expect(disabled.jsonBody).toMatchObject({ is_enabled: false, next_fire_time: null, upcoming_fire_times: [] });
    expect((await answer(deleteScheduleRequest(h.host(), request({ name: 'kept' })))).status).toBe(204);
    await h.put('forced');
    expect((await answer(deleteScheduleRequest(h.host(), request({ name: 'forced' }, { query: 'force=true' })))).status).toBe(204);
    expect((await answer(listSchedulesRequest(h.host(), request({})))).jsonBody).toEqual({ schedules: [] });
  });

  it('runs the job now (201), recorded as a run by hand', async () => {
    const h = new FiringHarness('2026-05-01T12:00:00Z');
    await h.put('manual');
    const ran = await answer(triggerScheduleRequest(h.host(), request({ name: 'manual' })));
    expect(ran.status).toBe(201);
    expect(ran.jsonBody).toMatchObject({ name: 'manual-manual-20260501T120000Z', status: 'NotStarted', tags: { schedule_name: 'manual' } });
    expect((await h.schedules.get('manual'))?.jobs).toEqual([{ name: 'manual-manual-20260501T120000Z', fireTime: '2026-05-01T12:00:00.000Z', manual: true }]);
  });

  it('pages the list of schedules and refuses unknown query parameters', async () => {
    const h = new FiringHarness('2026-05-01T12:00:00Z');
    for (const name of ['s1', 's2', 's3']) await h.put(name);
    const first = await answer(listSchedulesRequest(h.host(), request({}, { query: 'top=2' })));
    const body = first.jsonBody as { schedules: Array<{ name: string }>; continuation_token: string };
    expect(body.schedules.map((s) => s.name)).toEqual(['s1', 's2']);
    const second = await answer(listSchedulesRequest(h.host(), request({}, { query: `continuationToken=${body.continuation_token}` })));
    expect((second.jsonBody as { schedules: Array<{ name: string }> }).schedules.map((s) => s.name)).toEqual(['s3']);
    expect((await answer(listSchedulesRequest(h.host(), request({}, { query: 'status=x' })))).status).toBe(400);
  });
});
