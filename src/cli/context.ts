import type { Command } from 'commander';

/** What a CLI command gets: where to write, and how to report its exit code. */

/** Output sinks; each call writes the text as given (commands end their lines with "\n"). */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CliContext {
  readonly io: CliIo;
  /** Records the exit code main() returns; the last call wins. */
  setExitCode(code: number): void;
}

/** A command module: adds one subcommand (arguments, options, action) to the program. */
export interface CliCommand {
  register(program: Command, context: CliContext): void;
}

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};
