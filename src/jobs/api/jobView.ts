import type { JobRecord } from '../../model';
import { redactSecrets } from '../jobSecrets';

/**
 * A job record as the API shows it: the job's own fields as Azure ML names them (secret values as
 * `***`), then its state — `status`, `status_history`, `error`, `log_files` (name → URL),
 * `outputs` with the URI each was written to as `path`, `studio_url`.
 */
export function jobView(record: JobRecord): Record<string, unknown> {
  const { name, type, ...spec } = redactSecrets(record.spec);
  const outputs = Object.fromEntries(Object.entries(spec.outputs).map(([name, output]) => {
    const uri = record.outputs[name];
    return [name, uri === undefined ? output : { ...output, path: uri }];
  }));
  return {
    name,
    type,
    status: record.status,
    ...spec,
    experiment_name: record.experimentName,
    outputs,
    creation_context: { created_at: record.createdAt },
    ...(record.startedAt !== undefined && { start_time: record.startedAt }),
    ...(record.endedAt !== undefined && { end_time: record.endedAt }),
    status_history: record.statusHistory,
    ...(record.error !== undefined && { error: record.error }),
    ...(record.progress !== undefined && { progress: record.progress }),
    log_files: record.logFiles,
    studio_url: record.studioUrl,
  };
}
