import { describe, expect, it } from 'vitest';
import { cancelJobRequest, showJobRequest, showRejectedRequest, submitJobRequest, type ApiRequest } from '../../src/jobs/api/handlers';
import { knownErrorResponse } from '../../src/jobs/api/responses';
import { MAX_SUBMISSION_BYTES } from '../../src/jobs/submission';
import { helloSpec, helloYaml, NOW, submitDeps } from './fixtures';

function request(options: { body?: string; contentType?: string; params?: Record<string, string>; query?: string; length?: number } = {}): ApiRequest {
  const headers = new Map<string, string>();
  if (options.contentType) headers.set('content-type', options.contentType);
  if (options.length !== undefined) headers.set('content-length', String(options.length));
  return {
    params: options.params ?? {},
    query: new URLSearchParams(options.query ?? ''),
    headers: { get: (name) => headers.get(name.toLowerCase()) ?? null },
    text: async () => options.body ?? '',
  };
}

/** Runs a handler the way withErrors does, mapping known errors. */
async function answer(run: () => Promise<{ status: number; jsonBody?: unknown; body?: string; headers?: Record<string, string> }>) {
  try {
    return await run();
  } catch (err) {
    const known = knownErrorResponse(err);
    if (!known) throw err;
    return known;
  }
}

const newId = () => 'r-1';

describe('POST /api/jobs', () => {
  it('answers 201 with the job and its Location for YAML, 200 for the same job again (JSON)', async () => {
    const deps = submitDeps();
    const created = await submitJobRequest(deps, request({ body: helloYaml, contentType: 'application/yaml' }), newId);
    expect(created).toMatchObject({ status: 201, headers: { Location: '/api/jobs/hello-1' }, jsonBody: { name: 'hello-1', status: 'NotStarted', studio_url: 'http://studio.test/jobs/hello-1' } });
    const again = await submitJobRequest(deps, request({ body: JSON.stringify(helloSpec) }), newId);
    expect(again.status).toBe(200);
  });

  it('takes the queue envelope and a name from the query string', async () => {
    const deps = submitDeps();
    const { name: _name, ...unnamed } = helloSpec;
    expect((await submitJobRequest(deps, request({ body: JSON.stringify({ job: unnamed }), query: 'name=from-query' }), newId)).jsonBody).toMatchObject({ name: 'from-query' });
  });

  it('answers 400 with every problem and the id of the recorded rejection', async () => {
    const deps = submitDeps();
    const response = await submitJobRequest(deps, request({ body: 'command: echo\nenvironment: azureml:env:1\ncompute: 3\n', contentType: 'text/yaml' }), newId);
    expect(response).toEqual({
      status: 400,
      jsonBody: { error: { code: 'ValidationError', message: 'invalid job', rejection_id: 'http-r-1', details: [expect.objectContaining({ path: 'compute', file: 'request body', line: 3 })] } },
    });
    expect(await deps.jobs.getRejected('http-r-1')).toMatchObject({ source: 'http' });
  });

  it('answers 400 for bodies that are empty or not JSON, and 409 for a taken name', async () => {
    const deps = submitDeps();
    expect((await answer(() => submitJobRequest(deps, request({ body: ' ' }), newId))).status).toBe(400);
    const broken = await submitJobRequest(deps, request({ body: '{"job": ', contentType: 'application/json' }), newId);
    expect(broken).toMatchObject({ status: 400, jsonBody: { error: { details: [{ message: expect.stringContaining('not valid JSON') }] } } });
    await submitJobRequest(deps, request({ body: helloYaml }), newId);
    const conflict = await submitJobRequest(deps, request({ body: helloYaml.replace('echo hello', 'echo bye') }), newId);
    expect(conflict).toMatchObject({ status: 409, jsonBody: { error: { code: 'Conflict', message: expect.stringContaining('already exists with a different spec') } } });
  });

  it('answers 413 for an oversized body, by its Content-Length or its size', async () => {
    const deps = submitDeps();
    const byHeader = await answer(() => submitJobRequest(deps, request({ body: '', length: MAX_SUBMISSION_BYTES + 1 }), newId));
    expect(byHeader).toMatchObject({ status: 413, jsonBody: { error: { code: 'PayloadTooLarge', message: expect.stringContaining(`at most ${MAX_SUBMISSION_BYTES} bytes`) } } });
    const bySize = await answer(() => submitJobRequest(deps, request({ body: `# ${'x'.repeat(MAX_SUBMISSION_BYTES)}\n${helloYaml}` }), newId));
    expect(bySize.status).toBe(413);
  });
});

describe('GET /api/jobs/{name}', () => {
  it('shows the record with Azure ML field names, secrets as ***', async () => {
    const deps = submitDeps();
    await submitJobRequest(deps, request({ body: JSON.stringify({ ...helloSpec, environment_variables: { HF_TOKEN: 'hf_1' }, outputs: { model: { type: 'uri_folder' } } }) }), newId);
    await deps.jobs.update('hello-1', (record) => ({ ...record, outputs: { model: 'https://blob/model/' }, logFiles: { 'user_logs/std_log.txt': 'https://blob/log' } }));
    const response = await showJobRequest(deps.jobs, request({ params: { name: 'hello-1' } }));
    expect(response.status).toBe(200);
    expect(response.jsonBody).toMatchObject({
      name: 'hello-1', type: 'command', status: 'NotStarted', command: 'echo hello', experiment_name: 'Default',
      environment_variables: { HF_TOKEN: '***' },
      outputs: { model: { type: 'uri_folder', mode: 'rw_mount', path: 'https://blob/model/' } },
      log_files: { 'user_logs/std_log.txt': 'https://blob/log' },
      studio_url: 'http://studio.test/jobs/hello-1',
      creation_context: { created_at: NOW.toISOString() },
      status_history: [{ status: 'NotStarted', at: NOW.toISOString() }],
    });
  });

  it('dumps the job as YAML with ?format=yaml, secrets as ***', async () => {
    const deps = submitDeps();
    await submitJobRequest(deps, request({ body: `${helloYaml}environment_variables:\n  HF_TOKEN: hf_1\n` }), newId);
    const response = await showJobRequest(deps.jobs, request({ params: { name: 'hello-1' }, query: 'format=yaml' }));
    expect(response).toMatchObject({ status: 200, headers: { 'Content-Type': 'application/yaml; charset=utf-8' } });
    expect(response.body).toContain('name: hello-1\n');
    expect(response.body).toContain('HF_TOKEN: "***"');
  });

  it('answers 404 for an unknown job, 400 for a bad name or format', async () => {
    const deps = submitDeps();
    expect(await showJobRequest(deps.jobs, request({ params: { name: 'nope' } }))).toEqual({ status: 404, jsonBody: { error: { code: 'NotFound', message: 'job nope does not exist' } } });
    expect((await answer(() => showJobRequest(deps.jobs, request({ params: { name: 'a b' } })))).status).toBe(400);
    expect((await showJobRequest(deps.jobs, request({ params: { name: 'x' }, query: 'format=xml' }))).jsonBody).toEqual({ error: { code: 'ValidationError', message: 'format must be json or yaml (got "xml")' } });
  });
});

describe('POST /api/jobs/{name}/cancel', () => {
  it('moves the job to CancelRequested and tells its orchestration, with the reason given', async () => {
    const deps = submitDeps();
    await submitJobRequest(deps, request({ body: helloYaml }), newId);
    const response = await cancelJobRequest(deps, request({ params: { name: 'hello-1' }, body: '{"reason": "not needed"}' }));
    expect(response).toMatchObject({ status: 202, jsonBody: { status: 'CancelRequested' }, headers: { Location: '/api/jobs/hello-1' } });
    expect(deps.runner.canceled).toEqual([{ job: 'hello-1', reason: 'not needed' }]);
    expect((await cancelJobRequest(deps, request({ params: { name: 'hello-1' } }))).status).toBe(202);
  });

  it('cancels a job whose orchestration never started on the spot', async () => {
    const deps = submitDeps();
    await submitJobRequest(deps, request({ body: helloYaml }), newId);
    deps.runner.missing.add('hello-1');
    expect((await cancelJobRequest(deps, request({ params: { name: 'hello-1' } }))).jsonBody).toMatchObject({ status: 'Canceled' });
  });

  it('answers 409 for a job that has ended and 404 for an unknown one', async () => {
    const deps = submitDeps();
    await submitJobRequest(deps, request({ body: helloYaml }), newId);
    await deps.jobs.transition('hello-1', 'Failed', { at: NOW });
    const ended = await answer(() => cancelJobRequest(deps, request({ params: { name: 'hello-1' } })));
    expect(ended).toEqual({ status: 409, jsonBody: { error: { code: 'Conflict', message: 'job hello-1 has already ended (Failed); only jobs that have not ended can be canceled' } } });
    expect((await answer(() => cancelJobRequest(deps, request({ params: { name: 'ghost' } })))).status).toBe(404);
    expect((await answer(() => cancelJobRequest(deps, request({ params: { name: 'hello-1' }, body: '{"reason": 5}' })))).status).toBe(400);
  });
});

describe('GET /api/rejected-submissions/{id}', () => {
  it('shows why a submission was refused', async () => {
    const deps = submitDeps();
    await submitJobRequest(deps, request({ body: 'nonsense: true\n' }), newId);
    expect(await showRejectedRequest(deps.jobs, request({ params: { id: 'http-r-1' } }))).toMatchObject({ status: 200, jsonBody: { id: 'http-r-1', errors: expect.any(Array) } });
    expect((await showRejectedRequest(deps.jobs, request({ params: { id: 'nope' } }))).status).toBe(404);
  });
});
