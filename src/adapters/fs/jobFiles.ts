import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { ConflictError, NotFoundError } from '../../model/errors';
import type { NormalizedJob } from '../../model/jobSpec';
import type { RandomSource } from '../../model/names';
import { parseJobYaml, toYaml } from '../../model/yaml';

/** Job files on disk: read and validate, or write a job out as YAML. */

/** Uniform in [0, 1) from the operating system's CSPRNG, for generated job names. */
export const cryptoRandom: RandomSource = () => randomBytes(6).readUIntBE(0, 6) / 2 ** 48;

export interface LoadJobFileOptions {
  /** Source for a generated name when the file has none; defaults to cryptoRandom. */
  readonly random?: RandomSource;
}

/**
 * Reads, parses, validates and normalizes a job file. Resolves nothing else (code, data paths and
 * environments are left as written). NotFoundError if the file is missing, ValidationError (with
 * file:line:col per issue) if it is not a valid job.
 */
export async function loadJobFile(path: string, options: LoadJobFileOptions = {}): Promise<NormalizedJob> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw fileError(error, path, 'read');
  }
  return parseJobYaml(text.replace(/^\uFEFF/, ''), path, { random: options.random ?? cryptoRandom });
}

/**
 * Writes `job` as YAML to a new file, or to an open stream. Never overwrites: an existing file is a
 * ConflictError. A stream that is closed or ended is rejected before anything is written; the
 * stream is left open for the caller.
 */
export async function dumpJob(job: NormalizedJob, dest: string | Writable): Promise<void> {
  const yaml = toYaml(job);
  if (typeof dest !== 'string') return writeToStream(dest, yaml);
  try {
    await writeFile(dest, yaml, { encoding: 'utf8', flag: 'wx' });
  } catch (error) {
    throw fileError(error, dest, 'write');
  }
}

async function writeToStream(stream: Writable, text: string): Promise<void> {
  if (!stream.writable) {
    const state = stream.destroyed ? 'destroyed' : stream.writableEnded ? 'ended' : 'not writable';
    throw new Error(`cannot dump job "${streamName(stream)}": the destination stream is ${state}`);
  }
  await new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => reject(new Error(`cannot dump job to ${streamName(stream)}: ${error.message}`, { cause: error }));
    // A failed write also emits 'error' (on a later tick); with no listener that would crash the
    // process, so the listener stays until that event has come. It is removed only on success.
    stream.once('error', fail);
    stream.write(text, 'utf8', (error) => {
      if (error) return fail(error);
      stream.off('error', fail);
      resolve();
    });
  });
}

function streamName(stream: Writable): string {
  const path = (stream as Writable & { path?: unknown }).path;
  return typeof path === 'string' ? path : 'stream';
}

function fileError(error: unknown, path: string, action: 'read' | 'write'): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const options = { cause: error };
  switch (code) {
    case 'ENOENT':
      return action === 'read'
        ? new NotFoundError(`job file not found: ${path}`, options)
        : new NotFoundError(`cannot write ${path}: its directory does not exist`, options);
    case 'EEXIST':
      return new ConflictError(`refusing to overwrite ${path}: the file already exists`, options);
    case 'EISDIR':
      return new Error(`cannot ${action} ${path}: it is a directory, expected a YAML file`, options);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new Error(`cannot ${action} ${path}: permission denied`, options);
    default:
      return new Error(`cannot ${action} ${path}: ${error instanceof Error ? error.message : String(error)}`, options);
  }
}
