import { isTerminal } from '../../model/status';
import { ApiError } from '../client/errors';
import type { JobsClient } from '../client/jobsClient';
import type { CliCommand, CliContext } from '../context';
import { clientFor, integerOption, runJobCommand, withApiOptions, type ApiOptions } from './common/apiCommand';
import { EXIT } from './common/exitCodes';
import { streamJob } from './common/streamJob';

export const DEFAULT_LOG = 'user_logs/std_log.txt';
export const DEFAULT_POLL_MS = 500;

interface LogsOptions extends ApiOptions {
  file: string;
  tail?: number;
  follow?: boolean;
  pollInterval: number;
}

/**
 * `durable-jobs logs <name> [--file F] [--tail N] [--follow]`: prints a job's log (default
 * user_logs/std_log.txt) — all of it, or its last N lines — and with `--follow` keeps printing
 * what the job appends until it ends.
 */
export const logsCommand: CliCommand = {
  register(program, context) {
    withApiOptions(program.command('logs'))
      .description("print a job's log; --follow keeps printing until the job ends")
      .argument('<name>', 'the job name')
      .option('--file <log>', 'which log of the job', DEFAULT_LOG)
      .option('--tail <n>', 'only the last n lines', integerOption(0, 100_000))
      .option('-f, --follow', 'keep printing the log as it grows, until the job ends')
      .option('--poll-interval <ms>', 'how often --follow asks for more', integerOption(50, 60_000), DEFAULT_POLL_MS)
      .action(async (name: string, options: LogsOptions) => runJobCommand(context, () => printLogs(clientFor(options), name, options, context)));
  },
};

async function printLogs(client: JobsClient, name: string, options: LogsOptions, context: CliContext): Promise<number> {
  const job = await client.show(name);
  const known = Object.hasOwn(job.log_files, options.file);
  if (!known && (!options.follow || isTerminal(job.status))) {
    const logs = Object.keys(job.log_files);
    throw new ApiError(404, 'NotFound', `job ${name} has no log ${options.file}${logs.length > 0 ? `; its logs: ${logs.join(', ')}` : ` yet (status ${job.status})`}`);
  }
  let from = 0;
  const decoder = new TextDecoder('utf-8');
  if (known) {
    const read = await client.readLog(name, options.file, options.tail === undefined ? undefined : { tail: options.tail });
    context.io.out(decoder.decode(read.data));
    from = read.size;
  }
  if (options.follow && !isTerminal(job.status)) {
    await streamJob(client, name, context.io, { intervalMs: options.pollInterval, file: options.file, from, statuses: false, seen: job.status_history.length });
  }
  return EXIT.ok;
}
