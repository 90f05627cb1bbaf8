import { constants } from 'node:fs';
import { lstat, mkdir, open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { pathInside } from '../../adapters/blob/artifactPaths';
import { ApiError } from '../client/errors';
import type { JobsClient } from '../client/jobsClient';
import type { CliCommand, CliContext } from '../context';
import { clientFor, runJobCommand, withApiOptions, type ApiOptions } from './common/apiCommand';
import { EXIT } from './common/exitCodes';
import { formatBytes } from './common/format';

interface DownloadOptions extends ApiOptions {
  output?: string;
  path: string;
}

/**
 * `durable-jobs download <name> [--output NAME] [--path DIR]`: copies a job's outputs (all, or
 * one) into `DIR/named-outputs/<output>/`, keeping their relative paths, as `az ml job download`
 * lays them out. A path from the server that would land outside that folder (`..`, absolute, or
 * through a symbolic link) is refused and nothing is written for it.
 */
export const downloadCommand: CliCommand = {
  register(program, context) {
    withApiOptions(program.command('download'))
      .description("download a job's outputs into DIR/named-outputs/<output>/")
      .argument('<name>', 'the job name')
      .option('--output <name>', 'only this output (default: all of them)')
      .option('--path <dir>', 'where to put them', '.')
      .action(async (name: string, options: DownloadOptions) => runJobCommand(context, () => download(clientFor(options), name, options, context)));
  },
};

async function download(client: JobsClient, name: string, options: DownloadOptions, context: CliContext): Promise<number> {
  const { status, outputs } = await client.outputs(name);
  const chosen = options.output === undefined ? outputs : outputs.filter((output) => output.name === options.output);
  if (options.output !== undefined && chosen.length === 0) {
    throw new ApiError(404, 'NotFound', `job ${name} has no output ${options.output}; ${outputs.length === 0 ? 'it declares no outputs' : `its outputs: ${outputs.map((o) => o.name).join(', ')}`}`);
  }
  if (chosen.length === 0) {
    context.io.out(`job ${name} declares no outputs\n`);
    return EXIT.ok;
  }
  const root = path.resolve(options.path);
  await mkdir(root, { recursive: true });
  const realRoot = await realpath(root);
  let problems = 0;
  for (const output of chosen) {
    if (output.uri === null) {
      context.io.err(`output ${output.name}: not uploaded yet (job ${name} is ${status})\n`);
      if (options.output !== undefined) return EXIT.error;
      continue;
    }
    const dir = pathInside(root, `named-outputs/${output.name}`, 'output');
    const { files } = await client.outputFiles(name, output.name);
    let bytes = 0;
    let written = 0;
    for (const file of files) {
      try {
        await saveFile(client, { job: name, output: output.name, path: file.path }, dir, realRoot);
        bytes += file.size;
        written++;
      } catch (err) {
        problems++;
        context.io.err(`output ${output.name}: ${file.path}: not written — ${err instanceof Error ? err.message.split('\n').join(' ') : String(err)}\n`);
      }
    }
    context.io.out(`output ${output.name}: ${written} file${written === 1 ? '' : 's'} (${formatBytes(bytes)}) → ${dir}\n`);
  }
  return problems === 0 ? EXIT.ok : EXIT.error;
}

/** Creates or truncates a file, refusing to follow a symbolic link in its place. */
const WRITE_NO_FOLLOW = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW;

/**
 * Writes one file below `dir` (inside `root`): its path must stay inside `dir` as written, and the
 * deepest folder that already exists on the way must really be inside `root` — so no symbolic link
 * already there can carry the file, or the folders made for it, elsewhere. The file itself is
 * opened without following a link.
 */
async function saveFile(client: JobsClient, file: { job: string; output: string; path: string }, dir: string, realRoot: string): Promise<void> {
  const target = pathInside(dir, file.path, 'path');
  const parent = path.dirname(target);
  const existing = await realpath(await deepestExisting(parent));
  if (existing !== realRoot && !existing.startsWith(realRoot + path.sep)) throw new Error(`${path.relative(realRoot, parent)} leads through a symbolic link to ${existing}, outside ${realRoot}`);
  await mkdir(parent, { recursive: true });
  const body = await client.downloadOutputFile(file.job, file.output, file.path);
  const handle = await open(target, WRITE_NO_FOLLOW, 0o644);
  await pipeline(Readable.fromWeb(body as WebReadableStream<Uint8Array>), handle.createWriteStream());
}

async function deepestExisting(dir: string): Promise<string> {
  for (let current = dir; ; current = path.dirname(current)) {
    try {
      await lstat(current);
      return current;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || path.dirname(current) === current) throw err;
    }
  }
}
