import type { JobStatus } from '../../../model/status';

/**
 * Exit codes of the job commands (submit, show, list, cancel, logs, download), for scripts:
 * - 0: done; with `--wait` / `--stream`, the job Completed
 * - 1: the job ended Failed (`--wait` / `--stream`)
 * - 2: the job ended Canceled (`--wait` / `--stream`)
 * - 3: the command could not do what was asked: bad arguments, an invalid job file, no host at the
 *   URL, a refused key, an unknown job, any other error answer
 */
export const EXIT = { ok: 0, failed: 1, canceled: 2, error: 3 } as const;

/** The exit code for a job that has ended with `status`. */
export function exitCodeFor(status: JobStatus): number {
  if (status === 'Failed') return EXIT.failed;
  if (status === 'Canceled') return EXIT.canceled;
  return EXIT.ok;
}
