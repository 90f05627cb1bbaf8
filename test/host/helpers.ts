import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterEach, inject } from 'vitest';
import { FunctionsHost, type FunctionsHostOptions } from '../../src/host/functionsHost';
import { MemoryLogger } from '../../src/host/runtime/logger';

export { eventually } from '../services/helpers';

export function appDir(name: string): string {
  return path.join(__dirname, '..', 'apps', name);
}

export function storageConnection(): string {
  return inject('storageConnectionString');
}

/** `test-<uuid>`: a fresh queue or container name. */
export function testName(): string {
  return `test-${randomUUID()}`;
}

export interface TestHost {
  host: FunctionsHost;
  logger: MemoryLogger;
}

export type StartOptions = Partial<Omit<FunctionsHostOptions, 'appDir' | 'env'>> & { settings?: Record<string, string> };

/**
 * Starts hosts on a free port against the test Azurite, and stops every one after each test.
 * `settings` are app settings (env) on top of AzureWebJobsStorage.
 */
export function useHosts(): (app: string, options?: StartOptions) => Promise<TestHost> {
  const started: FunctionsHost[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((host) => host.stop()));
  });
  return async (app, { settings, ...options } = {}) => {
    const logger = options.logger instanceof MemoryLogger ? options.logger : new MemoryLogger();
    const host = await FunctionsHost.start({
      appDir: appDir(app),
      port: 0,
      logger,
      env: { AzureWebJobsStorage: storageConnection(), ...settings },
      ...options,
    });
    started.push(host);
    return { host, logger };
  };
}
