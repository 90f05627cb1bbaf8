import path from 'node:path';
import { describeError } from './describeError';
import { jsonProblem } from './jsonProblem';
import { loadEntryScript, type EntryFunctions } from './loadEntryScript';
import type { FromWorker, ToWorker } from './protocol';

/**
 * The JavaScript/TypeScript worker process (forked by the pool with an IPC channel): loads the
 * entry script and calls init() on `start`, run(items) on each `run`, shutdown() on `shutdown`,
 * answering each over IPC. The user's console output goes to stdout/stderr, which the pool logs.
 * It leaves when the pool does (the IPC channel closes).
 */

let entry: EntryFunctions | undefined;

/** Where this worker's own code is: dist/src/parallel/workers, and src/parallel/workers that source maps point to. */
const OWN_CODE = [__dirname, path.resolve(__dirname, '..', '..', '..', '..', 'src', 'parallel', 'workers')].map((dir) => `${dir}${path.sep}`);
const describe = (error: unknown) => describeError(error, OWN_CODE);

process.on('message', (message: ToWorker) => void handle(message));
process.on('disconnect', () => process.exit(0));

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'start':
      reply(await start(message.entryScript, message.argv));
      return;
    case 'run':
      reply(await run(message.id, message.items));
      return;
    case 'shutdown':
      reply(await shutdown(), () => process.exit(0));
      return;
  }
}

async function start(entryScript: string, argv: string[]): Promise<FromWorker> {
  process.argv = [process.argv[0] ?? process.execPath, entryScript, ...argv];
  try {
    entry = await loadEntryScript(entryScript);
  } catch (error) {
    return { type: 'started', error: `cannot load the entry script ${entryScript}: ${describe(error)}` };
  }
  try {
    await entry.init();
    return { type: 'started' };
  } catch (error) {
    return { type: 'started', error: `init() failed: ${describe(error)}` };
  }
}

async function run(id: number, items: unknown[]): Promise<FromWorker> {
  if (!entry) return { type: 'ran', id, error: 'run() was asked for before the entry script was loaded' };
  let returned: unknown;
  try {
    returned = await entry.run(items);
  } catch (error) {
    return { type: 'ran', id, error: describe(error) };
  }
  if (!Array.isArray(returned)) {
    return { type: 'ran', id, error: `run() must return an array with one result per mini-batch item; got ${returned === null ? 'null' : typeof returned}` };
  }
  const problem = jsonProblem(returned, 'results');
  return problem ? { type: 'ran', id, error: `run() returned a result that is not JSON: ${problem}` } : { type: 'ran', id, results: returned };
}

async function shutdown(): Promise<FromWorker> {
  try {
    await entry?.shutdown?.();
    return { type: 'shut' };
  } catch (error) {
    const text = describe(error);
    console.error(`shutdown() failed: ${text}`);
    return { type: 'shut', error: text };
  }
}

function reply(message: FromWorker, then?: () => void): void {
  try {
    process.send?.(message, undefined, {}, () => then?.());
  } catch (error) {
    // what run() returned slipped past jsonProblem (a getter that throws, …)
    if (message.type !== 'ran') throw error;
    process.send?.({ type: 'ran', id: message.id, error: `run() returned a result that cannot be sent as JSON: ${describe(error)}` });
  }
}
