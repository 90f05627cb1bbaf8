import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findEntryFiles } from '../core/appLoader';

/**
 * Makes an app directory runnable the way `func start` users expect: an app whose `main` glob
 * matches nothing yet (TypeScript not compiled) is built with its own `npm run build` first.
 */
export async function buildIfNeeded(appDir: string, log: (line: string) => void): Promise<void> {
  try {
    await findEntryFiles(appDir);
    return;
  } catch (err) {
    const pkg = JSON.parse(readFileSync(path.join(appDir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    if (!pkg.scripts?.build) throw err;
    log(`${(err as Error).message.split(' — ')[0]}; running "npm run build" in ${appDir}`);
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build'], { cwd: appDir, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`"npm run build" failed in ${appDir} (exit ${result.status ?? result.signal}).`);
  await findEntryFiles(appDir);
}

/**
 * Functions apps need AzureWebJobsStorage; locally it conventionally means Azurite. When neither
 * the environment nor local.settings.json sets it, use the development storage and say so.
 */
export function defaultStorage(settings: Record<string, string | undefined>, env: NodeJS.ProcessEnv, log: (line: string) => void): void {
  if (settings.AzureWebJobsStorage) return;
  env.AzureWebJobsStorage = 'UseDevelopmentStorage=true';
  log('AzureWebJobsStorage is not set: using UseDevelopmentStorage=true (Azurite on this machine).');
}
