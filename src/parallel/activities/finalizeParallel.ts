import { crossedThreshold, emptyTotals, countResult, ParallelFinalizeInput, type ParallelFinalizeResult, type Totals } from '../contracts';
import type { JobError } from '../../model';
import { recordOutputs } from '../../activities/finalize';
import { changedReadOnlyInputs, readOnlyInputsError } from '../../activities/readOnlyInputs';
import { PARALLEL_LOGS, workerLogName } from '../names';
import { itemsInBatch } from '../partition/manifest';
import type { ParallelRuntime } from '../runtime/parallelRuntime';
import type { MiniBatchRecord } from '../runtime/results';
import { writeAppendRowFile } from './appendRows';
import { jobErrors, jobResult, processedMiniBatches, progressOverview } from './reports';
import { archiveResults } from './resultsArchive';

/**
 * `ParallelFinalize`: ends the job's worker pool (shutdown() runs in each worker), keeps the
 * results in blob storage, writes the append_row file and uploads the outputs where their specs say
 * (for a run that completed and left its read-only inputs as they were), writes the reports, and
 * puts the exact progress, log files and outputs on the job record. Safe to run again: everything is rebuilt from the per-mini-batch results.
 */
export async function finalizeParallel(runtime: ParallelRuntime, raw: unknown): Promise<ParallelFinalizeResult> {
  const input = ParallelFinalizeInput.parse(raw);
  const { deps } = runtime;
  const state = await runtime.state(input.job);
  await state.close();
  const { setup, folder, manifest } = state;
  const records = await archiveResults(deps, input.job, folder, setup.miniBatches);
  const totals = totalsOf(records);
  const changed = await changedReadOnlyInputs(folder.workspace.inputs);
  let error = input.canceled !== undefined ? undefined
    : changed.length > 0 ? readOnlyInputsError(changed) : errorOf(input.stopReason, totals, setup);
  if (input.uploadOutputs && error === undefined) {
    if (setup.appendRow !== undefined) await writeAppendRowFile(setup.appendRow.file, records);
    error = await recordOutputs(deps, input.job, setup.outputs);
  }
  const report = {
    job: input.job, records, totals, items: setup.items, workers: setup.workers, at: deps.clock.now(),
    outcome: input.canceled !== undefined ? `Canceled: ${input.canceled}`
      : error === undefined ? 'Completed: every mini-batch ran; failures stayed within the error thresholds.' : `Failed: ${error.message}`,
  };
  const logFiles: Record<string, string> = {
    [PARALLEL_LOGS.progressOverview]: await deps.artifacts.replaceLog(input.job, PARALLEL_LOGS.progressOverview, Buffer.from(progressOverview(report))),
    [PARALLEL_LOGS.result]: await deps.artifacts.replaceLog(input.job, PARALLEL_LOGS.result, Buffer.from(jobResult(report))),
    [PARALLEL_LOGS.error]: await deps.artifacts.replaceLog(input.job, PARALLEL_LOGS.error, Buffer.from(jobErrors(records))),
    [PARALLEL_LOGS.processedMiniBatches]: await deps.artifacts.replaceLog(
      input.job, PARALLEL_LOGS.processedMiniBatches, Buffer.from(processedMiniBatches(records, (id) => itemsInBatch(manifest, id))),
    ),
  };
  for (let worker = 0; worker < setup.workers; worker++) {
    const name = workerLogName(worker);
    if ((await deps.artifacts.logSize(input.job, name)) !== undefined) logFiles[name] = await deps.artifacts.appendLog(input.job, name, Buffer.alloc(0));
  }
  const progress = {
    miniBatches: { total: setup.miniBatches, running: 0, succeeded: totals.miniBatches.succeeded, failed: totals.miniBatches.failed },
    items: totals.items,
  };
  await deps.jobs.update(input.job, (record) => ({ ...record, progress, logFiles: { ...record.logFiles, ...logFiles } }));
  await runtime.forget(input.job);
  return { totals, ...(error !== undefined && { error }) };
}

function totalsOf(records: ReadonlyArray<MiniBatchRecord | undefined>): Totals {
  let totals = emptyTotals();
  for (const record of records) {
    totals = record === undefined
      ? countResult(totals, { status: 'skipped', items: 0, failedItems: 0 })
      : countResult(totals, { status: record.status, items: record.items, failedItems: record.failed });
  }
  return totals;
}

function errorOf(stopReason: string | undefined, totals: Totals, thresholds: { errorThreshold: number; miniBatchErrorThreshold: number }): JobError | undefined {
  const message = stopReason ?? crossedThreshold(totals, thresholds);
  return message === undefined ? undefined : { code: 'UserError', message };
}
