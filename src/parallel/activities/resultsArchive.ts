import { PARALLEL_SYSTEM_FILES } from '../names';
import type { ParallelFolder } from '../runtime/jobFolder';
import type { ParallelDeps } from '../runtime/jobState';
import { MiniBatchRecord, readResults, ResultLog } from '../runtime/results';

/**
 * The results of every mini-batch, kept in blob storage as one JSON line each
 * (`<job>/sys/parallel/results.jsonl`) when the job is finalized, so a redrive — on this machine
 * or another, after the job's folder is gone — knows what succeeded and keeps those rows.
 */

/** The latest record of each of the job's mini-batches (undefined: it never ran), stored in blob storage. */
export async function archiveResults(deps: ParallelDeps, job: string, folder: ParallelFolder, miniBatches: number): Promise<Array<MiniBatchRecord | undefined>> {
  const latest = await readResults(folder);
  const records = Array.from({ length: miniBatches }, (_, id) => latest.get(id));
  const lines = records.filter((record) => record !== undefined).map((record) => `${JSON.stringify(record)}\n`);
  await deps.artifacts.writeSystemFile(job, PARALLEL_SYSTEM_FILES.results, Buffer.from(lines.join('')));
  return records;
}

/** Puts the archived results back into the job's folder; the ids that succeeded. */
export async function restoreResults(deps: ParallelDeps, job: string, folder: ParallelFolder): Promise<Set<number>> {
  const data = await deps.artifacts.readSystemFile(job, PARALLEL_SYSTEM_FILES.results);
  const succeeded = new Set<number>();
  if (data === undefined) return succeeded;
  const lines = data.toString('utf8').split('\n').filter((line) => line !== '');
  const log = new ResultLog(folder);
  try {
    for (const [index, line] of lines.entries()) {
      const parsed = MiniBatchRecord.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`job ${job}: line ${index + 1} of ${PARALLEL_SYSTEM_FILES.results} is not a mini-batch result: ${parsed.error.message}`);
      await log.append(parsed.data);
      if (parsed.data.status === 'succeeded') succeeded.add(parsed.data.id);
    }
  } finally {
    await log.close();
  }
  return succeeded;
}
