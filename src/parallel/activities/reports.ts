import type { Totals } from '../contracts';
import type { MiniBatchRecord } from '../runtime/results';

/**
 * The per-job reports Azure ML users look for among a parallel job's logs: the progress overview,
 * the result, the errors of failed mini-batches, and one CSV row per mini-batch.
 */

export interface ReportInput {
  readonly job: string;
  readonly records: ReadonlyArray<MiniBatchRecord | undefined>;
  readonly totals: Totals;
  readonly items: number;
  readonly workers: number;
  readonly outcome: string;
  readonly at: Date;
}

export function progressOverview(input: ReportInput): string {
  const { totals, records } = input;
  const notRun = records.length - totals.miniBatches.succeeded - totals.miniBatches.failed;
  return [
    `${input.at.toISOString()} job ${input.job}`,
    `mini-batches: ${records.length} total, ${totals.miniBatches.succeeded} succeeded, ${totals.miniBatches.failed} failed, ${notRun} not run`,
    `items: ${input.items} total, ${totals.items.succeeded} succeeded, ${totals.items.failed} failed`,
    `workers: ${input.workers}`,
    `elapsed in run(): ${(records.reduce((sum, r) => sum + (r?.elapsedMs ?? 0), 0) / 1000).toFixed(3)} s over all mini-batches`,
    '',
  ].join('\n');
}

export function jobResult(input: ReportInput): string {
  return `${input.outcome}\n${input.totals.miniBatches.succeeded} of ${input.records.length} mini-batches and ${input.totals.items.succeeded} of ${input.items} items succeeded.\n`;
}

export function jobErrors(records: ReadonlyArray<MiniBatchRecord | undefined>): string {
  return records
    .filter((record): record is MiniBatchRecord => record?.status === 'failed')
    .map((record) => `mini-batch ${record.id} (${record.items} items, ${record.attempts} attempts): ${record.error ?? 'failed'}\n`)
    .join('');
}

/** `error` holds one line (see errorSummary). */
export const PROCESSED_MINI_BATCHES_HEADER = 'mini_batch_id,items,succeeded,failed,attempts,elapsed_seconds,status,error';

export function processedMiniBatches(records: ReadonlyArray<MiniBatchRecord | undefined>, itemsOf: (id: number) => number): string {
  const rows = records.map((record, id) => (record === undefined
    ? [id, itemsOf(id), 0, 0, 0, '0.000', 'not_run', '']
    : [id, record.items, record.succeeded, record.failed, record.attempts, (record.elapsedMs / 1000).toFixed(3), record.status, errorSummary(record.error)]));
  return [PROCESSED_MINI_BATCHES_HEADER, ...rows.map((row) => row.map(csvField).join(','))].join('\n') + '\n';
}

/** One line for the CSV: a traceback's last line (the exception and its message) after what failed; job_error.txt has the whole text. */
export function errorSummary(error: string | undefined): string {
  if (error === undefined) return '';
  const lines = error.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  if (lines.length <= 1) return lines[0] ?? '';
  const head = lines[0]!.split(':')[0] ?? '';
  return `${head}: ${lines[lines.length - 1]}`;
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
