import { CommanderError, InvalidArgumentError, type Command } from 'commander';
import { formatIssue, ValidationError, type ValidationIssue } from '../../../model/errors';
import { ApiError } from '../../client/errors';
import { DEFAULT_URL, JobsClient } from '../../client/jobsClient';
import type { CliContext } from '../../context';
import { EXIT } from './exitCodes';

/**
 * What every job command shares: `--url` (default $DURABLE_JOBS_URL, else http://127.0.0.1:7071),
 * the key from $DURABLE_JOBS_KEY (sent as `x-functions-key`, never printed), bad arguments
 * exiting with EXIT.error, and errors reported as one `durable-jobs: …` line (plus one line per
 * problem the server listed) with EXIT.error.
 */

export interface ApiOptions {
  url?: string;
}

export function withApiOptions(command: Command): Command {
  return command
    .option('--url <url>', `the durable-jobs host (default: $DURABLE_JOBS_URL, else ${DEFAULT_URL}); the key, if the host wants one, comes from $DURABLE_JOBS_KEY`)
    .exitOverride((err) => {
      if (err.exitCode === 0) throw err; // --help
      throw new CommanderError(EXIT.error, err.code, err.message);
    });
}

export function clientFor(options: ApiOptions, env: NodeJS.ProcessEnv = process.env): JobsClient {
  return new JobsClient({ url: options.url ?? (env['DURABLE_JOBS_URL'] || DEFAULT_URL), key: env['DURABLE_JOBS_KEY'] || undefined });
}

/** Runs a command's work, turning its result into the exit code and its errors into a message. */
export async function runJobCommand(context: CliContext, work: () => Promise<number>): Promise<void> {
  try {
    context.setExitCode(await work());
  } catch (err) {
    context.io.err(describeFailure(err));
    context.setExitCode(EXIT.error);
  }
}

export function describeFailure(err: unknown, file?: string): string {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof ValidationError) return issueLines(err.issues, file);
  const details = err instanceof ApiError ? err.details : [];
  return `durable-jobs: ${message.split('\n')[0]}\n${issueLines(details, file)}`;
}

/** `file:line:col  path  message` per problem; issues of the request body are shown against `file`. */
export function issueLines(issues: readonly ValidationIssue[], file?: string): string {
  return issues.map((issue) => `${formatIssue(file !== undefined && issue.file === 'request body' ? { ...issue, file } : issue)}\n`).join('');
}

/** A parser for `--top 5` and similar: a whole number in [min, max] (commander reports the option and value otherwise). */
export function integerOption(min: number, max: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}.`);
    return value;
  };
}

/** A parser for repeatable options: collects every value. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
