import { Option } from 'commander';
import { JOB_STATUSES } from '../../model/status';
import type { JobsClient, ListQuery } from '../client/jobsClient';
import type { JobList } from '../client/types';
import type { CliCommand } from '../context';
import { clientFor, collect, integerOption, runJobCommand, withApiOptions, type ApiOptions } from './common/apiCommand';
import { EXIT } from './common/exitCodes';
import { formatTime, jobDuration, table } from './common/format';

interface ListOptions extends ApiOptions {
  status?: string[];
  type?: string;
  experiment?: string;
  tag?: string[];
  top: number;
  all?: boolean;
  continuationToken?: string;
  output: 'table' | 'json';
}

export const DEFAULT_TOP = 50;

/**
 * `durable-jobs list [--status S] [--type T] [--experiment E] [--tag k=v] [--top N] [--all]`:
 * jobs newest first as a table, then how many match in each status. One page of `--top` jobs
 * unless `--all`; the next page is `--continuation-token <token>` with the same filters.
 */
export const listCommand: CliCommand = {
  register(program, context) {
    withApiOptions(program.command('list'))
      .description('list jobs, newest first, with counts per status')
      .option('--status <status>', 'only jobs in this status (repeat, or comma-separate, for several)', collect)
      .option('--type <type>', 'command or parallel')
      .option('--experiment <name>', 'only jobs of this experiment')
      .option('--tag <key=value>', 'only jobs with this tag (repeat: all must match)', collect)
      .option('--top <n>', 'jobs per page, 1-1000', integerOption(1, 1000), DEFAULT_TOP)
      .option('--all', 'every page, not only the first')
      .option('--continuation-token <token>', 'the page after the one that printed this token')
      .addOption(new Option('-o, --output <format>', 'table or json').choices(['table', 'json']).default('table'))
      .action(async (options: ListOptions) => runJobCommand(context, async () => {
        const list = await fetchJobs(clientFor(options), options);
        context.io.out(options.output === 'json' ? `${JSON.stringify(list, null, 2)}\n` : listText(list));
        return EXIT.ok;
      }));
  },
};

async function fetchJobs(client: JobsClient, options: ListOptions): Promise<JobList> {
  const query: ListQuery = {
    ...(options.status && { status: options.status.flatMap((s) => s.split(',')).filter(Boolean) }),
    ...(options.type !== undefined && { type: options.type }),
    ...(options.experiment !== undefined && { experiment: options.experiment }),
    ...(options.tag && { tags: options.tag }),
    top: options.top,
  };
  const first = await client.list({ ...query, ...(options.continuationToken !== undefined && { continuationToken: options.continuationToken }) });
  const jobs = [...first.jobs];
  let token = first.continuation_token;
  while (options.all && token !== undefined) {
    const page = await client.list({ ...query, continuationToken: token, counts: false });
    jobs.push(...page.jobs);
    token = page.continuation_token;
  }
  const { continuation_token: _first, ...rest } = first;
  return { ...rest, jobs, ...(token !== undefined && { continuation_token: token }) };
}

function listText(list: JobList, now = new Date()): string {
  const rows = list.jobs.map((job) => [
    job.name, job.type, job.status, job.experiment_name ?? '-', formatTime(job.creation_context.created_at), jobDuration(job, now), job.display_name ?? '',
  ]);
  let text = list.jobs.length === 0 ? 'no jobs match\n' : table([['NAME', 'TYPE', 'STATUS', 'EXPERIMENT', 'CREATED', 'DURATION', 'DISPLAY NAME'], ...rows]);
  if (list.counts !== undefined) {
    const counts = JOB_STATUSES.filter((status) => (list.counts?.[status] ?? 0) > 0).map((status) => `${list.counts![status]} ${status}`);
    const total = list.total ?? 0;
    text += `\n${total} job${total === 1 ? '' : 's'}${counts.length > 0 ? `: ${counts.join(', ')}` : ''}\n`;
  }
  if (list.continuation_token !== undefined) text += `more: add --continuation-token ${list.continuation_token} (same filters), or --all\n`;
  return text;
}
