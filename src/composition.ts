import type { AppDeps } from './composition/appDeps';
import { depsFromSettings } from './composition/fromSettings';
import { readSettings } from './composition/settings';

/**
 * The one wiring point: the app's functions ask for their dependencies here. They are built from
 * the app settings (process.env) on first use — not at load time, so a host can load the app
 * before its services are up — and shared by every invocation in the process. A failed build is
 * not cached: the next invocation tries again.
 */

export type { AppDeps } from './composition/appDeps';
export { composeAppDeps, type AppParts } from './composition/appDeps';
export { readSettings, type AppSettings } from './composition/settings';

let current: Promise<AppDeps> | undefined;

export function appDeps(): Promise<AppDeps> {
  current ??= depsFromSettings(readSettings(process.env)).catch((err: unknown) => {
    current = undefined;
    throw err;
  });
  return current;
}

/** Makes every function use `deps` (tests with in-memory stores, embedders with their own wiring). */
export function useAppDeps(deps: AppDeps): void {
  current = Promise.resolve(deps);
}

/** Disposes of the dependencies (on app terminate); the next use builds them again. */
export async function disposeAppDeps(): Promise<void> {
  const deps = current;
  current = undefined;
  if (deps) await (await deps.catch(() => undefined))?.dispose();
}
