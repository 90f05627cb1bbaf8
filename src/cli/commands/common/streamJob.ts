import { followJob } from '../../client/followJob';
import type { JobsClient } from '../../client/jobsClient';
import type { JobView } from '../../client/types';
import type { CliIo } from '../../context';
import { statusLine } from './jobText';
import { progressLine, progressOf } from './progressText';

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
  let lastProgress: string | undefined;
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
      onPoll: (polled) => {
        const progress = progressOf(polled);
        const text = progress === undefined ? undefined : progressLine(progress, polled.start_time, new Date());
        const counts = progress === undefined ? undefined : JSON.stringify([progress.miniBatches, progress.items]);
        if (text === undefined || counts === lastProgress) return;
        lastProgress = counts;
        if (!atLineStart) write('\n');
        write(`progress ${text}\n`);
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
