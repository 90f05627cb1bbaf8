import type { ArtifactStore } from '../ports';

/** The end of a job log, for error messages: at most `maxLines` whole lines from its last 4 KiB. */

const TAIL_BYTES = 4096;

export async function logTail(artifacts: ArtifactStore, job: string, logName: string, maxLines = 20): Promise<string[]> {
  const tail = await artifacts.readLog(job, logName, { tail: TAIL_BYTES });
  if (tail === undefined) return [];
  const lines = tail.data.toString('utf8').split(/\r?\n/);
  if (tail.size > tail.data.length) lines.shift(); // the first line was cut
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  return lines.slice(-maxLines);
}
