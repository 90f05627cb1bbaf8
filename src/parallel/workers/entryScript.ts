import path from 'node:path';
import { ValidationError } from '../../model/errors';

/** Which runtime runs an entry script: `python3` with our runner, or `node` with jsWorkerMain. */
export type WorkerLanguage = 'python' | 'node';

const LANGUAGE_BY_EXTENSION: Readonly<Record<string, WorkerLanguage>> = {
  '.py': 'python',
  '.js': 'node', '.mjs': 'node', '.cjs': 'node',
  '.ts': 'node', '.mts': 'node', '.cts': 'node',
};

/**
 * The language of `entryScript`, an absolute path. ValidationError (path `task.entry_script`) for a
 * relative path or an extension no worker runs, naming the ones that are accepted.
 */
export function languageOf(entryScript: string): WorkerLanguage {
  const fail = (message: string) => new ValidationError([{ path: 'task.entry_script', message }], { summary: 'cannot start a worker pool' });
  if (!path.isAbsolute(entryScript)) throw fail(`the worker pool needs an absolute entry script path (got "${entryScript}")`);
  const language = LANGUAGE_BY_EXTENSION[path.extname(entryScript).toLowerCase()];
  if (language === undefined) {
    throw fail(`"${path.basename(entryScript)}" is not an entry script the workers can run; expected one of ${Object.keys(LANGUAGE_BY_EXTENSION).join(', ')}`);
  }
  return language;
}
