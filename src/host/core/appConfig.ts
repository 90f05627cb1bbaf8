import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The parts of host.json the local host honours (everything else is kept as read). */
export interface HostJson {
  version?: string;
  functionTimeout?: string;
  extensions?: {
    http?: { routePrefix?: string; maxRequestBodySize?: number };
    durableTask?: {
      hubName?: string;
      maxConcurrentActivityFunctions?: number;
      maxConcurrentOrchestratorFunctions?: number;
      [key: string]: unknown;
    };
    queues?: {
      batchSize?: number;
      newBatchThreshold?: number;
      maxPollingInterval?: string;
      visibilityTimeout?: string;
      maxDequeueCount?: number;
      messageEncoding?: 'base64' | 'none';
    };
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export interface LocalSettings {
  Values: Record<string, string>;
  Host?: { LocalHttpPort?: number; CORS?: string; [key: string]: unknown };
  ConnectionStrings?: Record<string, string>;
}

function readJson(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${(err as Error).message})`, { cause: err });
  }
}

export function readHostJson(appDir: string): HostJson {
  const file = path.join(appDir, 'host.json');
  if (!existsSync(file)) return { version: '2.0' };
  const json = readJson(file) as HostJson;
  if (json.version !== '2.0') {
    throw new Error(`${file}: "version" must be "2.0" (Azure Functions v4), got ${JSON.stringify(json.version)}`);
  }
  return json;
}

/** Reads local.settings.json; absent file means no settings. Values must be strings, as in Core Tools. */
export function readLocalSettings(appDir: string): LocalSettings {
  const file = path.join(appDir, 'local.settings.json');
  if (!existsSync(file)) return { Values: {} };
  const json = readJson(file) as Partial<LocalSettings>;
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(json.Values ?? {})) {
    if (typeof value !== 'string') {
      throw new Error(`${file}: Values.${key} must be a string, got ${typeof value}`);
    }
    values[key] = value;
  }
  return { ...json, Values: values };
}

/**
 * Puts settings into the environment. Variables that are already set win, so a deployment-like
 * override (or a test) can point a connection elsewhere without editing the file.
 */
export function applySettingsToEnv(values: Record<string, string>, env: NodeJS.ProcessEnv = process.env): void {
  for (const [key, value] of Object.entries(values)) {
    if (env[key] === undefined) env[key] = value;
  }
}

/**
 * Resolves a binding's `connection` the way the Functions host does: the app setting with that
 * name, or `<name>__serviceUri`/`<name>__queueServiceUri`…, with `AzureWebJobsStorage` when empty.
 */
export function resolveConnection(name: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const settingName = name && name.length > 0 ? name : 'AzureWebJobsStorage';
  const candidates = [settingName, `AzureWebJobs${settingName}`, `ConnectionStrings:${settingName}`];
  for (const candidate of candidates) {
    const value = env[candidate];
    if (value) return value;
  }
  throw new Error(`Connection setting "${settingName}" is not defined: add it to local.settings.json Values or the environment.`);
}
