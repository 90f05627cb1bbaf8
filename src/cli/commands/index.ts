import type { CliCommand } from '../context';
import { hostCommand, startCommand } from './host';
import { validateCommand } from './validate';

/** Every subcommand of `durable-jobs`; add new command modules here. */
export const commands: readonly CliCommand[] = [validateCommand, hostCommand, startCommand];
