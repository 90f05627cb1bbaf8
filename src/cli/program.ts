import { Command } from 'commander';
import type { CliCommand, CliContext } from './context';

/**
 * Builds the `durable-jobs` program from command modules. Errors and help go through the context's
 * io and come back as CommanderErrors (exitOverride), so nothing here calls process.exit.
 * Settings are applied before commands register, so every subcommand inherits them.
 */
export function buildProgram(commands: readonly CliCommand[], context: CliContext): Command {
  const program = new Command('durable-jobs')
    .description('Azure ML-style command and parallel jobs on Azure Functions + Durable Functions')
    .exitOverride()
    .configureOutput({ writeOut: context.io.out, writeErr: context.io.err })
    .showHelpAfterError()
    .enablePositionalOptions();
  for (const command of commands) command.register(program, context);
  return program;
}
