import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { loadJobFile } from '../../adapters/fs/jobFiles';
import { followJob } from '../client/followJob';
import type { JobsClient } from '../client/jobsClient';
import type { JobView } from '../client/types';
import type { CliCommand, CliContext } from '../context';
import { clientFor, describeFailure, integerOption, runJobCommand, withApiOptions, type ApiOptions } from './common/apiCommand';
import { EXIT, exitCodeFor } from './common/exitCodes';
import { jobSummary, statusLine } from './common/jobText';
import { streamJob } from './common/streamJob';
import { DEFAULT_LOG, DEFAULT_POLL_MS } from './logs';

interface SubmitOptions extends ApiOptions {
  name?: string;
  wait?: boolean;
  stream?: boolean;
  pollInterval: number;
}

/**
 * `durable-jobs submit <file> [--name NAME] [--wait | --stream]`: checks the job file here (the
 * problems print as `validate` prints them, and nothing is sent), then POSTs it to /api/jobs and
 * prints the job's name, status and studio URL. `--wait` polls until the job ends; `--stream`
 * also prints each status change and the log as it grows. Either way the exit code then says how
 * the job ended (0 Completed, 1 Failed, 2 Canceled).
 */
export const submitCommand: CliCommand = {
  register(program, context) {
    withApiOptions(program.command('submit'))
      .description('submit a job file (YAML or JSON) to the durable-jobs host')
      .argument('<file>', 'the job file')
      .option('--name <name>', "the job's name, when the file has none (default: generated)")
      .option('--wait', 'wait until the job ends; the exit code says how')
      .option('--stream', 'print status changes and the log until the job ends; the exit code says how')
      .option('--poll-interval <ms>', 'how often --wait and --stream ask', integerOption(50, 60_000), DEFAULT_POLL_MS)
      .addHelpText('after', '\nExit codes: 0 submitted (with --wait/--stream: Completed), 1 Failed, 2 Canceled, 3 not submitted or the host could not be asked.')
      .action(async (file: string, options: SubmitOptions) => runJobCommand(context, () => submit(file, options, context)));
  },
};

async function submit(file: string, options: SubmitOptions, context: CliContext): Promise<number> {
  try {
    await loadJobFile(file);
  } catch (err) {
    context.io.err(describeFailure(err, file));
    return EXIT.error;
  }
  const body = await readFile(file, 'utf8');
  const client = clientFor(options);
  let submitted: { job: JobView; created: boolean };
  try {
    submitted = await client.submit(body, { contentType: extname(file).toLowerCase() === '.json' ? 'application/json' : 'application/yaml', ...(options.name !== undefined && { name: options.name }) });
  } catch (err) {
    context.io.err(describeFailure(err, file));
    return EXIT.error;
  }
  const { job, created } = submitted;
  context.io.out(created ? `submitted job ${job.name} (${job.type}, ${job.status})\n` : `job ${job.name} was already submitted with this spec (${job.status})\n`);
  context.io.out(`studio: ${job.studio_url}\n`);
  if (!options.wait && !options.stream) return EXIT.ok;
  const ended = options.stream ? await stream(client, job, options, context) : await followJob(client, job.name, { intervalMs: options.pollInterval, seen: job.status_history.length });
  context.io.out(jobSummary(ended));
  return exitCodeFor(ended.status);
}

async function stream(client: JobsClient, job: JobView, options: SubmitOptions, context: CliContext): Promise<JobView> {
  for (const change of job.status_history) context.io.out(statusLine(change));
  return streamJob(client, job.name, context.io, { intervalMs: options.pollInterval, file: DEFAULT_LOG, statuses: true, seen: job.status_history.length });
}
