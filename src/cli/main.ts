import { CommanderError } from 'commander';
import { commands } from './commands';
import { processIo, type CliIo } from './context';
import { buildProgram } from './program';

/**
 * Runs the CLI and resolves to the process exit code; never exits the process itself.
 * `argv` is process.argv-shaped: [node, script, ...arguments].
 */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(commands, { io, setExitCode: (code) => (exitCode = code) });
  try {
    await program.parseAsync([...argv], { from: 'node' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode; // already reported through io
    io.err(`durable-jobs: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv).then((code) => (process.exitCode = code));
}
