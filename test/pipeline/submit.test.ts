import { describe, expect, it } from 'vitest';
import { submitJob } from '../../src/jobs/submit';
import { ConflictError, ValidationError } from '../../src/model';
import { helloSpec, helloYaml, NOW, submitDeps } from './fixtures';

describe('submitting a job', () => {
  it('creates a NotStarted record and starts its orchestration under the job name', async () => {
    const deps = submitDeps();
    const { record, created } = await submitJob(deps, { job: helloYaml }, 'message');
    expect(created).toBe(true);
    expect(record).toMatchObject({ name: 'hello-1', status: 'NotStarted', createdAt: NOW.toISOString(), studioUrl: 'http://studio.test/jobs/hello-1' });
    expect(deps.runner.started).toEqual(['hello-1']);
  });

  it('makes one job of the same submission delivered twice, and starts its orchestration again only while NotStarted', async () => {
    const deps = submitDeps();
    await submitJob(deps, { job: helloSpec }, 'message');
    const again = await submitJob(deps, { job: helloYaml }, 'message');
    expect(again.created).toBe(false);
    expect(deps.runner.started).toEqual(['hello-1', 'hello-1']);
    await deps.jobs.transition('hello-1', 'Starting', { at: NOW });
    await submitJob(deps, { job: helloSpec }, 'message');
    expect(deps.runner.started).toHaveLength(2);
  });

  it('refuses a different spec under a name that is taken', async () => {
    const deps = submitDeps();
    await submitJob(deps, { job: helloSpec }, 'message');
    await expect(submitJob(deps, { job: { ...helloSpec, command: 'echo other' } }, 'message')).rejects.toThrow(ConflictError);
  });

  it('stores secret values sealed, and the same secrets again are the same job', async () => {
    const deps = submitDeps();
    const job = { ...helloSpec, environment_variables: { WANDB_API_KEY: 'k-123', EPOCHS: '2' } };
    const { record } = await submitJob(deps, { job }, 'message');
    expect(JSON.stringify(await deps.jobs.get('hello-1'))).not.toContain('k-123');
    expect(record.spec.environment_variables?.['EPOCHS']).toBe('2');
    expect((await submitJob(deps, { job }, 'message')).created).toBe(false);
    await expect(submitJob(deps, { job: { ...job, environment_variables: { WANDB_API_KEY: 'k-124', EPOCHS: '2' } } }, 'message')).rejects.toThrow(ConflictError);
  });

  it('refuses a compute that is not configured, and starts a parallel job\'s orchestration with its type', async () => {
    const deps = submitDeps();
    await expect(submitJob(deps, { job: { ...helloSpec, compute: 'azureml:gpux' } }, 'message')).rejects.toThrow(/compute "gpux" is not configured — did you mean "gpu"\?/);
    await expect(submitJob(deps, { job: { ...helloSpec, compute: 'azureml:gpu' } }, 'message')).resolves.toMatchObject({ created: true });
    const parallel = {
      type: 'parallel', name: 'p1', inputs: { data: { type: 'uri_folder', path: './data' } }, input_data: '${{inputs.data}}',
      task: { type: 'run_function', entry_script: 'score.py', environment: 'azureml:env:1' },
    };
    await expect(submitJob(deps, { job: { ...parallel, compute: 'nowhere' } }, 'message')).rejects.toThrow(ValidationError);
    expect(await deps.jobs.get('p1')).toBeUndefined();
    await expect(submitJob(deps, { job: parallel }, 'message')).resolves.toMatchObject({ created: true, record: { type: 'parallel' } });
    expect(deps.runner.startedTypes.get('p1')).toBe('parallel');
  });

  it('lets storage failures through, so the queue retries', async () => {
    const deps = submitDeps();
    deps.runner.failStart = new Error('storage unavailable');
    await expect(submitJob(deps, { job: helloSpec }, 'message')).rejects.toThrow('storage unavailable');
    deps.runner.failStart = undefined;
    await expect(submitJob(deps, { job: helloSpec }, 'message')).resolves.toMatchObject({ created: false });
    expect(deps.runner.started).toEqual(['hello-1']);
  });
});
