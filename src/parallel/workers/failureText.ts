import type { WorkerLanguage } from './entryScript';
import { describeSpawnError } from './spawnWorker';
import type { WorkerEnd } from './workerProcess';

/**
 * What to tell the user about a worker that ended while `during` ("init()", "run()") was in
 * progress: why it could not start, which protocol rule it broke, or its exit code / signal and
 * the last lines of its stderr.
 */
export function endText(end: WorkerEnd, during: string, worker: { language: WorkerLanguage; cwd: string; env: Record<string, string> }): string {
  if (end.spawnError) return describeSpawnError(worker.language, end.spawnError, worker.cwd, worker.env);
  if (end.protocolError) return `the worker was stopped during ${during}: ${end.protocolError}`;
  const how = end.signal ? `was killed by ${end.signal}` : `exited with code ${end.code}`;
  const hint = end.signal === 'SIGKILL' ? ' (out of memory, or killed from outside)' : '';
  const tail = end.stderrTail.length > 0 ? `; its last stderr lines:\n${end.stderrTail.join('\n')}` : '; it wrote nothing to stderr';
  return `the worker process ${how}${hint} during ${during}${tail}`;
}
