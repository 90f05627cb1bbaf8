import type { CliCommand } from '../context';
import { clientFor, runJobCommand, withApiOptions, type ApiOptions } from './common/apiCommand';
import { EXIT } from './common/exitCodes';

/**
 * `durable-jobs redrive <name>`: re-runs only the mini-batches of a finished parallel job that did
 * not succeed, and merges their rows into its output (AWS Step Functions' redrive; Azure ML has none).
 */
export const redriveCommand: CliCommand = {
  register(program, context) {
    withApiOptions(program.command('redrive'))
      .description('re-run the failed mini-batches of a finished parallel job')
      .argument('<name>', 'the job name')
      .action(async (name: string, options: ApiOptions) => runJobCommand(context, async () => {
        const job = await clientFor(options).redrive(name);
        context.io.out(`job ${job.name}: ${job.status} — redriving its failed mini-batches (durable-jobs show ${job.name} to follow)\n`);
        return EXIT.ok;
      }));
  },
};
