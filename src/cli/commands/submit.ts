import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { loadJobFile } from '../../adapters/fs/jobFiles';
import type { NormalizedJob } from '../../model';
import { followJob } from '../client/followJob';
import type { JobsClient } from '../client/jobsClient';
import type { JobView } from '../client/types';
import type { CliCommand, CliContext } from '../context';
import { uploadJobFiles } from '../upload/uploadJobFiles';
import { clientFor, describeFailure, integerOption, runJobCommand, withApiOptions, type ApiOptions } from './common/apiCommand';
import { EXIT, exitCodeFor } from './common/exitCodes';
import { jobSummary, statusLine } from './common/jobText';
import { streamJob } from './common/streamJob';
import { DEFAULT_LOG, DEFAULT_POLL_MS } from './logs';

interface SubmitOptions extends ApiOptions {
  name?: string;
  /** False with --no-upload: local paths are sent as written, for the host to resolve in LOCAL_DATA_ROOT. */
  upload: boolean;
  wait?: boolean;
  stream?: boolean;
  pollInterval: number;
}

/**
 * `durable-jobs submit <file> [--name NAME] [--wait | --stream] [--no-upload]`: checks the job file
 * here (the problems print as `validate` prints them, and nothing is sent), uploads its local
 * `code` and data inputs (relative to the file's folder) and points the job at the uploads — as
 * `az ml job create` does; `--no-upload` sends the paths as written — then POSTs it to /api/jobs and
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
      .option('--no-upload', "send local code and input paths as written, for the host to resolve in its LOCAL_DATA_ROOT (default: upload them, relative to the job file's folder)")
      .option('--poll-interval <ms>', 'how often --wait and --stream ask', integerOption(50, 60_000), DEFAULT_POLL_MS)
      .addHelpText('after', '\nExit codes: 0 submitted (with --wait/--stream: Completed), 1 Failed, 2 Canceled, 3 not submitted or the host could not be asked.')
      .action(async (file: string, options: SubmitOptions) => runJobCommand(context, () => submit(file, options, context)));
  },
};

async function submit(file: string, options: SubmitOptions, context: CliContext): Promise<number> {
  let spec: NormalizedJob;
  try {
    spec = await loadJobFile(file);
  } catch (err) {
    context.io.err(describeFailure(err, file));
    return EXIT.error;
  }
  const text = await readFile(file, 'utf8');
  const client = clientFor(options);
  let submitted: { job: JobView; created: boolean };
  try {
    const body = options.upload ? await uploadJobFiles(client, spec, file, text, (line) => context.io.err(`${line}\n`)) : text;
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
