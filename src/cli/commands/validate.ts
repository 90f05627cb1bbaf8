import { cryptoRandom, loadJobFile } from '../../adapters/fs/jobFiles';
import { formatIssue, ValidationError } from '../../model/errors';
import type { NormalizedJob } from '../../model/jobSpec';
import { formatMiniBatchSize } from '../../model/miniBatchSize';
import type { CliCommand, CliIo } from '../context';

/**
 * `durable-jobs validate <file...>`: checks job files without submitting them. Prints one `ok` line
 * per valid file and one `file:line:col  field.path  message` line per problem; exit code 1 when any
 * file is invalid or unreadable. Every file is checked, whatever happened to the ones before.
 */
export const validateCommand: CliCommand = {
  register(program, context) {
    program
      .command('validate')
      .description('check job YAML files without submitting them')
      .argument('<file...>', 'job YAML files')
      .action(async (files: string[]) => context.setExitCode(await validateFiles(files, context.io)));
  },
};

export async function validateFiles(files: readonly string[], io: CliIo): Promise<number> {
  let invalid = 0;
  for (const file of files) {
    if (!(await validateFile(file, io))) invalid++;
  }
  if (files.length > 1) io.out(`${files.length} files checked: ${files.length - invalid} valid, ${invalid} invalid\n`);
  return invalid === 0 ? 0 : 1;
}

async function validateFile(file: string, io: CliIo): Promise<boolean> {
  let nameGenerated = false;
  const random = () => {
    nameGenerated = true;
    return cryptoRandom();
  };
  try {
    const job = await loadJobFile(file, { random });
    io.out(`ok  ${file}  ${describeJob(job, nameGenerated)}\n`);
    return true;
  } catch (error) {
    if (error instanceof ValidationError) {
      for (const issue of error.issues) io.out(`${formatIssue(issue)}\n`);
    } else {
      io.err(`${file}  ${error instanceof Error ? error.message : String(error)}\n`);
    }
    return false;
  }
}

/** `command job "hello" (compute local, 1 input, 1 output)`; unnamed jobs say their name comes later. */
export function describeJob(job: NormalizedJob, nameGenerated = false): string {
  const details = [`compute ${job.compute}`, count(Object.keys(job.inputs).length, 'input'), count(Object.keys(job.outputs).length, 'output')];
  if (job.type === 'parallel') {
    const size = job.mini_batch_size;
    details.push(size.kind === 'files' ? `mini-batches of ${count(size.count, 'file')}` : `mini-batches of ~${formatMiniBatchSize(size)}`);
    details.push(job.output_action);
  }
  const name = nameGenerated ? '' : ` "${job.name}"`;
  const note = nameGenerated ? '; name generated at submission' : '';
  return `${job.type} job${name} (${details.join(', ')}${note})`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
