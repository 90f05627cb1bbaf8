import { copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { readLocalSettings } from '../core/appConfig';

/**
 * The settings an app runs with: local.settings.json `Values`, with environment variables winning
 * (the same rule the host applies when it puts Values into its environment).
 */
export function effectiveSettings(appDir: string, env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  return { ...readLocalSettings(appDir).Values, ...env };
}

/**
 * On a fresh clone there is no local.settings.json (it is git-ignored, as in every Functions app);
 * a sample next to it becomes the first one. Returns the file created, if any.
 */
export function ensureLocalSettings(appDir: string): string | undefined {
  const target = path.join(appDir, 'local.settings.json');
  const sample = path.join(appDir, 'local.settings.sample.json');
  if (existsSync(target) || !existsSync(sample)) return undefined;
  copyFileSync(sample, target);
  return target;
}
