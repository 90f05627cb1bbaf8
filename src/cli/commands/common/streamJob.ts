import { followJob } from '../../client/followJob';
import type { JobsClient } from '../../client/jobsClient';
import type { JobView } from '../../client/types';
import type { CliIo } from '../../context';
import { statusLine } from './jobText';

/**
 * Prints a job as it goes, like `az ml job stream`: each status change as a line, and the log's
 * text as it grows (decoded as UTF-8 across chunk boundaries), until the job ends.
 */
export interface StreamOptions {
  readonly intervalMs: number;
  readonly file: string;
  /** Bytes of the log already printed. */
  readonly from?: number;
  /** Print status changes (submit --stream) or only the log (logs --follow). */
  readonly statuses: boolean;
  /** Status changes already printed. */
  readonly seen?: number;
}

export async function streamJob(client: JobsClient, name: string, io: CliIo, options: StreamOptions): Promise<JobView> {
  const decoder = new TextDecoder('utf-8');
  let atLineStart = true;
  let headerShown = !options.statuses || (options.from ?? 0) > 0;
  const write = (text: string) => {
    if (text === '') return;
    io.out(text);
    atLineStart = text.endsWith('\n');
  };
  const job = await followJob(client, name, {
    intervalMs: options.intervalMs,
    ...(options.seen !== undefined && { seen: options.seen }),
    ...(options.statuses && {
      onStatus: (change) => {
        if (!atLineStart) write('\n');
        write(statusLine(change));
      },
    }),
    log: {
      file: options.file,
      ...(options.from !== undefined && { from: options.from }),
      onData: (chunk) => {
        if (!headerShown) write(`--- ${options.file} ---\n`);
        headerShown = true;
        write(decoder.decode(chunk, { stream: true }));
      },
    },
  });
  write(decoder.decode());
  if (!atLineStart) write('\n');
  return job;
}
