import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { moduleFormatOf } from './moduleFormat';
import { transpile, TYPESCRIPT_FILE } from './typeScript';

/**
 * Module customization hooks (`module.register`) that let ES-module TypeScript load: .mts files,
 * and .ts files under a package.json with "type": "module". CommonJS TypeScript is handed to the
 * CommonJS loader, where registerTypeScriptRequire transpiles it. Runs in Node's loader thread.
 */

interface ResolveContext { parentURL?: string }
interface ResolveResult { url: string; format?: string | null; shortCircuit?: boolean }
interface LoadResult { format: string; source?: string | Buffer; shortCircuit?: boolean }

/**
 * TypeScript sources import each other by the name of the compiled file (`./util.js` for
 * util.ts), or without extension: when that does not exist, try the TypeScript file.
 */
export async function resolve(specifier: string, context: ResolveContext, nextResolve: (specifier: string, context: ResolveContext) => Promise<ResolveResult>): Promise<ResolveResult> {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (!isRelative(specifier) || !context.parentURL || !TYPESCRIPT_FILE.test(context.parentURL)) throw error;
    for (const candidate of typeScriptNamesFor(specifier)) {
      try {
        return await nextResolve(candidate, context);
      } catch {
        // try the next name
      }
    }
    throw error;
  }
}

export async function load(url: string, context: object, nextLoad: (url: string, context: object) => Promise<LoadResult>): Promise<LoadResult> {
  if (!url.startsWith('file:') || !TYPESCRIPT_FILE.test(url)) return nextLoad(url, context);
  const file = fileURLToPath(url);
  if (moduleFormatOf(file) === 'cjs') return { format: 'commonjs', shortCircuit: true };
  return { format: 'module', shortCircuit: true, source: transpile(await readFile(file, 'utf8'), file, 'esm') };
}

function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../');
}

function typeScriptNamesFor(specifier: string): string[] {
  const swapped = specifier.replace(/\.js$/, '.ts').replace(/\.mjs$/, '.mts').replace(/\.cjs$/, '.cts');
  return swapped !== specifier ? [swapped] : [`${specifier}.ts`, `${specifier}/index.ts`];
}
