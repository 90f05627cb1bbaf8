import type { CliCommand } from '../context';
import { cancelCommand } from './cancel';
import { downloadCommand } from './download';
import { hostCommand, startCommand } from './host';
import { listCommand } from './list';
import { logsCommand } from './logs';
import { showCommand } from './show';
import { submitCommand } from './submit';
import { validateCommand } from './validate';

/** Every subcommand of `durable-jobs`; add new command modules here. */
export const commands: readonly CliCommand[] = [
  validateCommand, submitCommand, showCommand, listCommand, cancelCommand, logsCommand, downloadCommand, hostCommand, startCommand,
];
