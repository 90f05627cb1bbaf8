import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { glob } from 'tinyglobby';
import { AppRegistry, captureRegistrations, type RegisteredFunction, type SystemLog } from './coreShim';

export interface LoadedApp {
  appDir: string;
  registry: AppRegistry;
  /** Registration order, as the worker reports them to the host. */
  functions: RegisteredFunction[];
  files: string[];
}

interface PackageJson {
  main?: string | string[];
  type?: string;
}

// A native dynamic import that test runners and bundlers do not rewrite.
const nativeImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/**
 * Imports an ES module entry file. Code evaluated by a test runner's vm context has no dynamic
 * import hook for functions made with `new Function` (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING);
 * there the runner's own `import()` does the job.
 */
async function importEsm(url: string): Promise<unknown> {
  try {
    return await nativeImport(url);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING') throw err;
    return import(url);
  }
}

/** Finds the entry files the way the Node worker does: the glob(s) in package.json `main`. */
export async function findEntryFiles(appDir: string): Promise<string[]> {
  const pkgFile = path.join(appDir, 'package.json');
  if (!existsSync(pkgFile)) throw new Error(`${appDir}: no package.json — not an Azure Functions Node app directory.`);
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as PackageJson;
  const patterns = pkg.main === undefined ? ['index.js'] : Array.isArray(pkg.main) ? pkg.main : [pkg.main];
  const files = await glob(patterns, { cwd: appDir, absolute: true, onlyFiles: true });
  if (files.length === 0) {
    throw new Error(`${pkgFile}: "main" (${patterns.join(', ')}) matched no files — build the app first (npm run build).`);
  }
  return files.sort();
}

function isEsm(file: string, appDir: string): boolean {
  if (file.endsWith('.mjs')) return true;
  if (file.endsWith('.cjs')) return false;
  const pkg = JSON.parse(readFileSync(path.join(appDir, 'package.json'), 'utf8')) as PackageJson;
  return pkg.type === 'module';
}

/**
 * Forgets previously loaded copies of the app's own modules and of its Functions libraries, so that
 * loading the same app again (a restart inside one process) registers its functions again.
 */
function forgetAppModules(appDir: string, requireFn: NodeJS.Require): void {
  const nodeModules = path.join(appDir, 'node_modules') + path.sep;
  const libraries = ['@azure/functions', 'durable-functions'].map((name) => path.join(nodeModules, name) + path.sep);
  for (const key of Object.keys(requireFn.cache)) {
    if (!key.startsWith(appDir + path.sep)) continue;
    const isDependency = key.startsWith(nodeModules);
    if (!isDependency || libraries.some((lib) => key.startsWith(lib))) delete requireFn.cache[key];
  }
}

/** Loads an app directory and captures everything it registers. */
export async function loadApp(appDir: string, systemLog: SystemLog): Promise<LoadedApp> {
  const dir = path.resolve(appDir);
  const files = await findEntryFiles(dir);
  const registry = new AppRegistry(dir, systemLog);
  const requireFn = createRequire(path.join(dir, 'package.json'));
  forgetAppModules(dir, requireFn);
  await captureRegistrations(registry, async () => {
    for (const file of files) {
      try {
        if (isEsm(file, dir)) await importEsm(pathToFileURL(file).href);
        else requireFn(file);
      } catch (err) {
        throw new Error(`Loading ${path.relative(dir, file)} failed: ${(err as Error).message}`, { cause: err });
      }
    }
  });
  if (registry.functions.size > 0 && !registry.programmingModel) {
    throw new Error(`${dir}: functions were registered but no programming model was set — is @azure/functions v4 installed?`);
  }
  return { appDir: dir, registry, functions: [...registry.functions.values()], files };
}
