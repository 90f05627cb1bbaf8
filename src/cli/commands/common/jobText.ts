import { stringify } from 'yaml';
import type { JobView } from '../../client/types';
import { formatDuration, formatTime, jobDuration, table } from './format';
import { progressLine, progressOf } from './progressText';

/** A job as `show` prints it: JSON, YAML (both as the API sent it) or a table of what matters. */
export type JobFormat = 'json' | 'yaml' | 'table';
export const JOB_FORMATS: readonly JobFormat[] = ['table', 'json', 'yaml'];

export function renderJob(job: JobView, format: JobFormat, now: Date = new Date()): string {
  if (format === 'json') return `${JSON.stringify(job, null, 2)}\n`;
  if (format === 'yaml') return stringify(job, { lineWidth: 0 });
  return jobTable(job, now);
}

export function jobTable(job: JobView, now: Date = new Date()): string {
  const rows: string[][] = [
    ['name', job.name],
    ...(job.display_name ? [['display name', job.display_name]] : []),
    ['type', job.type],
    ['status', job.status],
    ['experiment', job.experiment_name ?? '-'],
    ['compute', job.compute ?? '-'],
    ['created', formatTime(job.creation_context.created_at)],
    ['started', formatTime(job.start_time)],
    ['ended', formatTime(job.end_time)],
    ['duration', jobDuration(job, now)],
    ...progressRows(job, now),
    ['studio', job.studio_url],
    ...listRows('log files', Object.keys(job.log_files)),
    ...listRows('outputs', Object.entries(job.outputs ?? {}).map(([name, output]) => `${name}  ${output?.path?.includes('://') ? output.path : '(not uploaded)'}`)),
    ...(job.error ? listRows('error', `${job.error.code}: ${job.error.message}`.split('\n')) : []),
  ];
  return table(rows);
}

function progressRows(job: JobView, now: Date): string[][] {
  const progress = progressOf(job);
  return progress === undefined ? [] : [['progress', progressLine(progress, job.start_time, now)]];
}

/** The label on the first row only; `-` for none. */
function listRows(label: string, values: readonly string[]): string[][] {
  if (values.length === 0) return [[label, '-']];
  return values.map((value, i) => [i === 0 ? label : '', value]);
}

/** `job NAME: Completed in 1.2s`, then the error of a failed job. */
export function jobSummary(job: JobView): string {
  const took = job.start_time !== undefined && job.end_time !== undefined ? ` in ${formatDuration(Date.parse(job.end_time) - Date.parse(job.start_time))}` : '';
  const reason = job.status_history.at(-1)?.reason;
  const why = job.status === 'Canceled' && reason ? ` (${reason})` : '';
  const error = job.error ? `${`error: ${job.error.code}: ${job.error.message}`.split('\n').join('\n  ')}\n` : '';
  return `job ${job.name}: ${job.status}${took}${why}\n${error}`;
}

/** `[10:00:01Z] Running — reason`. */
export function statusLine(change: JobView['status_history'][number]): string {
  return `[${formatTime(change.at).slice(11)}] ${change.status}${change.reason ? ` — ${change.reason}` : ''}\n`;
}
