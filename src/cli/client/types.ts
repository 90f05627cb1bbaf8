import { z } from 'zod';
import { JobStatus } from '../../model/status';

/**
 * The shapes of the job API's answers that the CLI reads, parsed at the edge. Loose objects: the
 * API may add fields, and `show -o json|yaml` prints whatever the server sent.
 */

export const JobView = z.looseObject({
  name: z.string(),
  type: z.string(),
  status: JobStatus,
  display_name: z.string().optional(),
  experiment_name: z.string().optional(),
  compute: z.string().optional(),
  creation_context: z.looseObject({ created_at: z.string() }),
  start_time: z.string().optional(),
  end_time: z.string().optional(),
  status_history: z.array(z.looseObject({ status: JobStatus, at: z.string(), reason: z.string().optional() })),
  error: z.looseObject({ code: z.string(), message: z.string() }).optional(),
  log_files: z.record(z.string(), z.string()),
  outputs: z.record(z.string(), z.looseObject({ path: z.string().optional() }).nullable()).optional(),
  studio_url: z.string(),
});
export type JobView = z.infer<typeof JobView>;

export const JobList = z.looseObject({
  jobs: z.array(JobView),
  continuation_token: z.string().optional(),
  counts: z.record(z.string(), z.number()).optional(),
  total: z.number().optional(),
});
export type JobList = z.infer<typeof JobList>;

export const LogFileList = z.looseObject({
  name: z.string(),
  status: JobStatus,
  log_files: z.array(z.looseObject({ name: z.string(), size: z.number().optional(), href: z.string() })),
});
export type LogFileList = z.infer<typeof LogFileList>;

export const OutputList = z.looseObject({
  name: z.string(),
  status: JobStatus,
  outputs: z.array(z.looseObject({ name: z.string(), type: z.string(), uri: z.string().nullable(), href: z.string() })),
});
export type OutputList = z.infer<typeof OutputList>;

export const OutputFiles = z.looseObject({
  name: z.string(),
  output: z.string(),
  uri: z.string().nullable(),
  files: z.array(z.looseObject({ path: z.string(), size: z.number(), href: z.string() })),
});
export type OutputFiles = z.infer<typeof OutputFiles>;

/** An app error: `{ "error": { "code", "message", "details"? } }`. */
export const ApiErrorBody = z.looseObject({
  error: z.looseObject({
    code: z.string(),
    message: z.string(),
    details: z.array(z.looseObject({ path: z.string(), message: z.string(), file: z.string().optional(), line: z.number().optional(), col: z.number().optional() })).optional(),
    rejection_id: z.string().optional(),
  }),
});

/** The host's own errors (no route, no key): `{ "error": "NotFound", "message": … }`. */
export const HostErrorBody = z.looseObject({ error: z.string(), message: z.string() });
