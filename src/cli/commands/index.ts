import type { CliCommand } from '../context';
import { cancelCommand } from './cancel';
import { downloadCommand } from './download';
import { hostCommand, startCommand } from './host';
import { listCommand } from './list';
import { logsCommand } from './logs';
import { redriveCommand } from './redrive';
import { scheduleCommand } from './schedule';
import { showCommand } from './show';
import { submitCommand } from './submit';
import { validateCommand } from './validate';

/** Every subcommand of `durable-jobs`; add new command modules here. */
export const commands: readonly CliCommand[] = [
  validateCommand, submitCommand, showCommand, listCommand, cancelCommand, redriveCommand, logsCommand, downloadCommand, hostCommand, startCommand,
  scheduleCommand,
];
