import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../cli/packageRoot';

/**
 * Where the worker runners are at run time.
 *
 * - jsWorkerMain.js is compiled by tsc. In production this module is itself compiled and sits next
 *   to it in `dist/src/parallel/workers/`; under vitest this module runs from `src/` as TypeScript
 *   while a forked `node` needs the compiled file, so it is taken from `dist/` in the package
 *   (the test globalSetup builds it).
 * - azureml_runner.py is not TypeScript, so tsc never copies it: it stays in the package's
 *   top-level `workers/python/` folder and is found from the package root.
 */
export function jsWorkerMainPath(): string {
  const file = __filename.endsWith('.js')
    ? path.join(__dirname, 'jsWorkerMain.js')
    : path.join(packageRoot(__dirname), 'dist', 'src', 'parallel', 'workers', 'jsWorkerMain.js');
  return existing(file, 'the JavaScript worker runner', 'build the package first: npm run build');
}

export function pythonRunnerPath(): string {
  const file = path.join(packageRoot(__dirname), 'workers', 'python', 'azureml_runner.py');
  return existing(file, 'the Python worker runner', "the package's workers/python folder is missing");
}

function existing(file: string, what: string, hint: string): string {
  if (!existsSync(file)) throw new Error(`${what} was not found at ${file} (${hint})`);
  return file;
}
