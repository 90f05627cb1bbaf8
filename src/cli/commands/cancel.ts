import type { CliCommand } from '../context';
import { clientFor, runJobCommand, withApiOptions, type ApiOptions } from './common/apiCommand';
import { EXIT } from './common/exitCodes';

/**
 * `durable-jobs cancel <name> [--reason TEXT]`: asks the job to cancel. It is CancelRequested at
 * once and Canceled when its processes are gone (about 2 s); a job that has ended cannot be.
 */
export const cancelCommand: CliCommand = {
  register(program, context) {
    withApiOptions(program.command('cancel'))
      .description('cancel a job that has not ended')
      .argument('<name>', 'the job name')
      .option('--reason <text>', 'why, kept in the status history (default: "canceled by request")')
      .action(async (name: string, options: ApiOptions & { reason?: string }) => runJobCommand(context, async () => {
        const job = await clientFor(options).cancel(name, options.reason);
        const reason = job.status_history.at(-1)?.reason;
        context.io.out(`job ${job.name}: ${job.status}${reason ? ` — ${reason}` : ''}\n`);
        return EXIT.ok;
      }));
  },
};
