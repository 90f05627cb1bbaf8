import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appRoot } from '../../src/composition/appRoot';
import { readSettings, SettingsError } from '../../src/composition/settings';
import { repoRoot } from '../support/hostProcess';

const required = {
  AzureWebJobsStorage: 'UseDevelopmentStorage=true',
  COSMOS_ENDPOINT: 'https://127.0.0.1:8081',
  COSMOS_KEY: 'k',
  COSMOS_DATABASE: 'db',
  JOB_SUBMISSION_QUEUE: 'job-submissions',
};

describe('the pipeline\'s app settings', () => {
  it('fills defaults, and resolves relative paths against the app root', () => {
    const settings = readSettings({ ...required, LOCAL_DATA_ROOT: 'examples' }, '/srv/app');
    expect(settings).toMatchObject({
      cosmos: { endpoint: 'https://127.0.0.1:8081', key: 'k', database: 'db', jobsContainer: 'jobs' },
      artifactsContainer: 'job-artifacts', submissionQueue: 'job-submissions', secretsKey: undefined,
      dataRoot: '/srv/app/examples', workRoot: '/srv/app/.data/jobs', runsDir: '/srv/app/.data/runs', computeTargets: undefined,
    });
    expect(settings.maxConcurrentJobs).toBeGreaterThanOrEqual(2);
  });

  it('names every missing setting, and never echoes values', () => {
    expect(() => readSettings({ COSMOS_KEY: 'super-secret' }, '/srv/app')).toThrow(
      new SettingsError('the job pipeline needs the app setting(s) AzureWebJobsStorage, COSMOS_ENDPOINT, COSMOS_DATABASE, JOB_SUBMISSION_QUEUE (see local.settings.sample.json)'),
    );
  });

  it('says what a job limit must be', () => {
    expect(() => readSettings({ ...required, COMPUTE_MAX_CONCURRENT_JOBS: 'many' }, '/srv/app')).toThrow('app setting COMPUTE_MAX_CONCURRENT_JOBS must be a whole number from 1 to 10000 (got "many")');
    expect(readSettings({ ...required, COMPUTE_MAX_CONCURRENT_JOBS: '64' }, '/srv/app').maxConcurrentJobs).toBe(64);
  });

  it('keeps ended runs\' files 24 hours unless LOCAL_RUNS_RETENTION_HOURS says otherwise, and says what it must be', () => {
    expect(readSettings(required, '/srv/app').runsRetentionHours).toBe(24);
    expect(readSettings({ ...required, LOCAL_RUNS_RETENTION_HOURS: '0.5' }, '/srv/app').runsRetentionHours).toBe(0.5);
    expect(() => readSettings({ ...required, LOCAL_RUNS_RETENTION_HOURS: '0' }, '/srv/app')).toThrow('app setting LOCAL_RUNS_RETENTION_HOURS must be a number of hours from 0.1 to 87600 (got "0")');
  });

  it('finds the app root from a module inside it', () => {
    expect(appRoot(path.join(repoRoot, 'src', 'composition'))).toBe(repoRoot);
    expect(appRoot(path.join(repoRoot, 'dist', 'src', 'composition'))).toBe(repoRoot);
  });
});
