import { availableParallelism } from 'node:os';
import path from 'node:path';
import { appRoot } from './appRoot';

/**
 * The app settings the job pipeline reads (local.settings.json Values locally, application
 * settings on Azure). Errors name the setting and what is accepted, never a value: several of
 * them are secrets.
 */
export interface AppSettings {
  readonly storageConnection: string;
  readonly cosmos: {
    readonly endpoint: string; readonly key: string; readonly database: string; readonly jobsContainer: string;
    /** COSMOS_SCHEDULES_CONTAINER (default `schedules`). */
    readonly schedulesContainer?: string;
  };
  readonly artifactsContainer: string;
  /** The submission queue; rejected submissions go to `<queue>-poison`. */
  readonly submissionQueue: string;
  readonly studioBaseUrl: string;
  /** Base64 AES-256 key sealing secret environment variables; unset = jobs with secrets are refused. */
  readonly secretsKey: string | undefined;
  /** LOCAL_DATA_ROOT: local `code` and input paths resolve here and must stay inside (default: the app root). */
  readonly dataRoot: string;
  /** JOBS_WORK_ROOT: jobs' working folders (default `<app root>/.data/jobs`). */
  readonly workRoot: string;
  /** LOCAL_RUNS_DIR: the local computes' run records, which must survive host restarts (default `<app root>/.data/runs`). */
  readonly runsDir: string;
  /** UPLOAD_DATASTORE: the datastore (a container of the same name) the CLI uploads jobs' local folders to (default `workspaceblobstore`). */
  readonly uploadDatastore?: string;
  /** LOCAL_RUNS_RETENTION_HOURS: how long the files of a run that ended stay when its job never removed them (default 24). */
  readonly runsRetentionHours?: number;
  /** COMPUTE_TARGETS: comma-separated compute names, each a local compute (default `local`). */
  readonly computeTargets: string | undefined;
  /** Jobs running at once per compute (default: 2 × CPUs). */
  readonly maxConcurrentJobs: number;
}

export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

/** The settings from `env`; relative paths resolve against `root` (the app root). SettingsError naming what is missing or wrong. */
export function readSettings(env: NodeJS.ProcessEnv, root = appRoot()): AppSettings {
  const missing: string[] = [];
  const required = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) missing.push(name);
    return value ?? '';
  };
  const optional = (name: string): string | undefined => env[name]?.trim() || undefined;
  const settings: AppSettings = {
    storageConnection: required('AzureWebJobsStorage'),
    cosmos: { endpoint: required('COSMOS_ENDPOINT'), key: required('COSMOS_KEY'), database: required('COSMOS_DATABASE'), jobsContainer: optional('COSMOS_JOBS_CONTAINER') ?? 'jobs',
      schedulesContainer: optional('COSMOS_SCHEDULES_CONTAINER') ?? 'schedules' },
    artifactsContainer: optional('ARTIFACTS_CONTAINER') ?? 'job-artifacts',
    submissionQueue: required('JOB_SUBMISSION_QUEUE'),
    studioBaseUrl: optional('STUDIO_BASE_URL') ?? 'http://127.0.0.1:7071/api/studio',
    secretsKey: optional('JOB_SECRETS_KEY'),
    dataRoot: path.resolve(root, optional('LOCAL_DATA_ROOT') ?? '.'),
    workRoot: path.resolve(root, optional('JOBS_WORK_ROOT') ?? path.join('.data', 'jobs')),
    runsDir: path.resolve(root, optional('LOCAL_RUNS_DIR') ?? path.join('.data', 'runs')),
    runsRetentionHours: positiveHours(env, 'LOCAL_RUNS_RETENTION_HOURS', 24),
    uploadDatastore: containerName(env, 'UPLOAD_DATASTORE', 'workspaceblobstore'),
    computeTargets: optional('COMPUTE_TARGETS'),
    maxConcurrentJobs: positiveInt(env, 'COMPUTE_MAX_CONCURRENT_JOBS', 2 * availableParallelism()),
  };
  if (missing.length > 0) {
    throw new SettingsError(`the job pipeline needs the app setting(s) ${missing.join(', ')} (see local.settings.sample.json)`);
  }
  return settings;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 10_000) throw new SettingsError(`app setting ${name} must be a whole number from 1 to 10000 (got "${text}")`);
  return value;
}

function positiveHours(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0.1 || value > 87_600) throw new SettingsError(`app setting ${name} must be a number of hours from 0.1 to 87600 (got "${text}")`);
  return value;
}

function containerName(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const text = env[name]?.trim();
  if (!text) return fallback;
  if (!/^(?=.{3,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$/.test(text)) throw new SettingsError(`app setting ${name} must be a datastore name that is also a container name: 3-63 lowercase letters, digits and single hyphens (got "${text}")`);
  return text;
}
