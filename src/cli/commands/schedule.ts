import { Option, type Command } from 'commander';
import { SchedulesClient } from '../client/schedulesClient';
import type { CliCommand, CliContext } from '../context';
import { describeFailure, runJobCommand, withApiOptions, type ApiOptions } from './common/apiCommand';
import { EXIT } from './common/exitCodes';
import { loadScheduleFile } from './scheduleFile';
import { describeTrigger, scheduleListText, scheduleTable } from './scheduleText';

/**
 * `durable-jobs schedule create|show|list|enable|disable|delete|trigger`: schedules through the
 * schedules API, like `az ml schedule`. Same `--url`, key and exit codes as the job commands (0
 * done, 3 anything refused or unreachable).
 */
export const scheduleCommand: CliCommand = {
  register(program, context) {
    const schedule = program.command('schedule').description('create and manage schedules that submit jobs (cron or recurrence)');
    const client = (options: ApiOptions) => new SchedulesClient({ url: options.url ?? (process.env['DURABLE_JOBS_URL'] || 'http://127.0.0.1:7071'), key: process.env['DURABLE_JOBS_KEY'] || undefined });
    const sub = (name: string, description: string): Command => withApiOptions(schedule.command(name)).description(description);

    sub('create', 'create a schedule from a YAML file, or update the one with its name')
      .argument('<file>', 'the schedule YAML (create_job inline, or the path of a job YAML relative to it)')
      .option('--name <name>', "the schedule's name, instead of the one in the file")
      .action(async (file: string, options: ApiOptions & { name?: string }) => runJobCommand(context, () => create(client(options), file, options.name, context)));

    sub('show', 'show a schedule: trigger, policies, the next five fire times, latest jobs and skipped ticks')
      .argument('<name>', 'the schedule name')
      .addOption(new Option('-o, --output <format>', 'table, json or yaml').choices(['table', 'json', 'yaml']).default('table'))
      .action(async (name: string, options: ApiOptions & { output: string }) => runJobCommand(context, async () => {
        const api = client(options);
        if (options.output === 'yaml') context.io.out(await api.yaml(name));
        else {
          const view = await api.show(name);
          context.io.out(options.output === 'json' ? `${JSON.stringify(view, null, 2)}\n` : scheduleTable(view));
        }
        return EXIT.ok;
      }));

    sub('list', 'list schedules: enabled, next and last fire time, jobs created')
      .addOption(new Option('-o, --output <format>', 'table or json').choices(['table', 'json']).default('table'))
      .action(async (options: ApiOptions & { output: string }) => runJobCommand(context, async () => {
        const api = client(options);
        const schedules = [];
        for (let token: string | undefined, first = true; first || token !== undefined; first = false) {
          const page = await api.list(token);
          schedules.push(...page.schedules);
          token = page.continuation_token;
        }
        context.io.out(options.output === 'json' ? `${JSON.stringify({ schedules }, null, 2)}\n` : scheduleListText(schedules));
        return EXIT.ok;
      }));

    for (const enabled of [true, false]) {
      sub(enabled ? 'enable' : 'disable', enabled ? 'enable a schedule: it fires from its next tick on (missed ticks are not caught up)' : 'disable a schedule: it fires no more until enabled')
        .argument('<name>', 'the schedule name')
        .action(async (name: string, options: ApiOptions) => runJobCommand(context, async () => {
          const view = await client(options).setEnabled(name, enabled);
          context.io.out(`schedule ${view.name}: ${view.is_enabled ? `enabled; next fire ${view.next_fire_time ?? 'none'}` : 'disabled'}\n`);
          return EXIT.ok;
        }));
    }

    sub('delete', 'delete a schedule (disable it first, or --force); its jobs stay')
      .argument('<name>', 'the schedule name')
      .option('--force', 'delete it even while it is enabled')
      .action(async (name: string, options: ApiOptions & { force?: boolean }) => runJobCommand(context, async () => {
        await client(options).delete(name, options.force === true);
        context.io.out(`schedule ${name} deleted\n`);
        return EXIT.ok;
      }));

    sub('trigger', "run the schedule's job now, outside its ticks")
      .argument('<name>', 'the schedule name')
      .action(async (name: string, options: ApiOptions) => runJobCommand(context, async () => {
        const job = await client(options).trigger(name);
        context.io.out(`submitted job ${job.name} (${job.type}, ${job.status})\nstudio: ${String(job['studio_url'] ?? '')}\n`);
        return EXIT.ok;
      }));
  },
};

async function create(client: SchedulesClient, file: string, name: string | undefined, context: CliContext): Promise<number> {
  let schedule;
  try {
    schedule = await loadScheduleFile(file, name);
  } catch (err) {
    context.io.err(describeFailure(err, file));
    return EXIT.error;
  }
  const { schedule: view, created } = await client.put(schedule.name, schedule);
  context.io.out(`${created ? 'created' : 'updated'} schedule ${view.name}: ${describeTrigger(view.trigger)}${view.is_enabled ? '' : ' (disabled)'}\n`);
  context.io.out(`next fire times: ${(view.upcoming_fire_times ?? []).join(', ') || 'none'}\n`);
  return EXIT.ok;
}
