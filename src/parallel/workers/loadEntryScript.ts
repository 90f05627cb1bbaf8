import { createRequire, register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { withoutStack } from './describeError';
import { moduleFormatOf } from './moduleFormat';
import { registerTypeScriptRequire, TYPESCRIPT_FILE } from './typeScript';

/** What a JavaScript/TypeScript entry script exports. */
export interface EntryFunctions {
  init(): unknown;
  run(miniBatch: unknown[]): unknown;
  shutdown?(): unknown;
}

/**
 * Loads the entry script as Node would run it — ES module through `import()` (.mjs, .mts,
 * "type": "module"), CommonJS through `require` — with TypeScript transpiled on load, and returns
 * its functions. They may be named exports, or properties of the default export
 * (`module.exports = { init, run }`, `export default { init, run }`).
 */
export async function loadEntryScript(file: string): Promise<EntryFunctions> {
  if (TYPESCRIPT_FILE.test(file)) {
    registerTypeScriptRequire();
    register(pathToFileURL(path.join(__dirname, 'tsEsmHooks.js')).href);
  }
  const loaded: unknown = moduleFormatOf(file) === 'cjs' ? createRequire(file)(file) : await import(pathToFileURL(file).href);
  return entryFunctionsOf(loaded, path.basename(file));
}

function entryFunctionsOf(loaded: unknown, name: string): EntryFunctions {
  const namespace = asRecord(loaded);
  const exportsAny = (value: Record<string, unknown>) => ['init', 'run'].some((fn) => typeof value[fn] === 'function');
  const exported = !exportsAny(namespace) && exportsAny(asRecord(namespace['default'])) ? asRecord(namespace['default']) : namespace;
  const missing = ['init', 'run'].filter((fn) => typeof exported[fn] !== 'function');
  if (missing.length > 0) {
    throw withoutStack(new TypeError(`${name} does not export ${missing.map((fn) => `${fn}()`).join(' or ')}: an entry script exports init() and run(mini_batch) ` +
      '(export function init() {…} / export function run(miniBatch) {…}, or module.exports = { init, run })'));
  }
  if (exported['shutdown'] !== undefined && typeof exported['shutdown'] !== 'function') {
    throw withoutStack(new TypeError(`${name} exports shutdown, but it is a ${typeof exported['shutdown']}, not a function`));
  }
  return exported as unknown as EntryFunctions;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') ? (value as Record<string, unknown>) : {};
}
