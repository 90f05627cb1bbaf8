import { Option } from 'commander';
import type { CliCommand } from '../context';
import { clientFor, runJobCommand, withApiOptions, type ApiOptions } from './common/apiCommand';
import { EXIT } from './common/exitCodes';
import { JOB_FORMATS, renderJob, type JobFormat } from './common/jobText';

/** `durable-jobs show <name> [-o table|json|yaml]`: one job — a table of what matters, or the whole record as JSON or YAML. */
export const showCommand: CliCommand = {
  register(program, context) {
    withApiOptions(program.command('show'))
      .description('show a job: status, times, compute, studio URL, log files, outputs, error')
      .argument('<name>', 'the job name')
      .addOption(new Option('-o, --output <format>', 'table, json or yaml').choices(JOB_FORMATS).default('table'))
      .action(async (name: string, options: ApiOptions & { output: JobFormat }) => runJobCommand(context, async () => {
        context.io.out(renderJob(await clientFor(options).show(name), options.output));
        return EXIT.ok;
      }));
  },
};
