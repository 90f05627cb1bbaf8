import { newJobRecord, type JobRecord } from '../../src/model/jobRecord';
import { parseJob } from '../../src/model/parseJob';
import { TRANSITIONS, type JobStatus } from '../../src/model/status';

/** Job records for store tests: valid, built through the model as the app builds them. */

export const T0 = new Date('2025-03-01T12:00:00.000Z');

export function at(seconds: number): Date {
  return new Date(T0.getTime() + seconds * 1000);
}

export interface RecordOptions {
  readonly type?: 'command' | 'parallel';
  readonly experiment?: string;
  readonly tags?: Record<string, string>;
  /** Seconds after T0. */
  readonly createdAfter?: number;
  readonly command?: string;
}

export function jobRecord(name: string, options: RecordOptions = {}): JobRecord {
  const common = {
    name,
    ...(options.experiment !== undefined && { experiment_name: options.experiment }),
    ...(options.tags !== undefined && { tags: options.tags }),
  };
  const spec =
    options.type === 'parallel'
      ? parseJob({ ...common, type: 'parallel', inputs: { images: { path: './data' } }, input_data: '${{inputs.images}}', task: { entry_script: 'score.py', environment: 'azureml:env@latest' } }, { random: () => 0 })
      : parseJob({ ...common, command: options.command ?? 'echo hi', environment: 'azureml:python@latest' }, { random: () => 0 });
  return newJobRecord(spec, { now: at(options.createdAfter ?? 0), studioBaseUrl: 'http://localhost:7071/studio' });
}

/** The shortest way from NotStarted to `status` through the transition table. */
export function pathTo(status: JobStatus): JobStatus[] {
  const previous = new Map<JobStatus, JobStatus>();
  const queue: JobStatus[] = ['NotStarted'];
  while (queue.length > 0) {
    const from = queue.shift() as JobStatus;
    for (const to of TRANSITIONS[from]) {
      if (to === 'NotStarted' || previous.has(to)) continue;
      previous.set(to, from);
      queue.push(to);
    }
  }
  const path: JobStatus[] = [];
  for (let s: JobStatus | undefined = status; s !== undefined && s !== 'NotStarted'; s = previous.get(s)) path.unshift(s);
  return path;
}
