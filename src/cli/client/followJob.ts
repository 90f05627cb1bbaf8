import { setTimeout as sleep } from 'node:timers/promises';
import { isTerminal } from '../../model/status';
import { ApiError } from './errors';
import type { JobsClient } from './jobsClient';
import type { JobView } from './types';

/**
 * Polls a job until it ends, reporting every status change (from its status history, so none is
 * missed between polls) and, optionally, its log as it grows: each poll asks for the bytes past
 * what it has (`Range: bytes=<offset>-`). Once the job has ended its log is complete, so the last
 * read drains it; terminal changes are reported after that.
 */
export interface FollowOptions {
  readonly intervalMs: number;
  /** Status history entries already reported (default 0: report them all). */
  readonly seen?: number;
  onStatus?(change: JobView['status_history'][number], job: JobView): void;
  /** Every look at the job (e.g. to show a parallel job's progress). */
  onPoll?(job: JobView): void;
  readonly log?: {
    readonly file: string;
    /** Bytes of the log already shown. */
    readonly from?: number;
    onData(chunk: Uint8Array): void;
  };
}

export async function followJob(client: JobsClient, name: string, options: FollowOptions): Promise<JobView> {
  let seen = options.seen ?? 0;
  let offset = options.log?.from ?? 0;
  for (;;) {
    const job = await client.show(name);
    const fresh = job.status_history.slice(seen);
    seen = job.status_history.length;
    for (const change of fresh) if (!isTerminal(change.status)) options.onStatus?.(change, job);
    options.onPoll?.(job);
    if (options.log && Object.hasOwn(job.log_files, options.log.file)) {
      const read = await readPast(client, name, options.log.file, offset);
      if (read.length > 0) {
        offset += read.length;
        options.log.onData(read);
      }
    }
    for (const change of fresh) if (isTerminal(change.status)) options.onStatus?.(change, job);
    if (isTerminal(job.status)) return job;
    await sleep(options.intervalMs);
  }
}

/** The log's bytes past `offset`; none while the log does not exist yet. */
async function readPast(client: JobsClient, name: string, file: string, offset: number): Promise<Uint8Array> {
  try {
    return (await client.readLog(name, file, { from: offset })).data;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return new Uint8Array(0);
    throw err;
  }
}
