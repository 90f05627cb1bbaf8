import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { NotFoundError } from '../../../model/errors';

/**
 * The files of one run, `<runsDir>/<runId>/…`. Each has a single writer:
 *
 * | file          | written by | when                                                                 |
 * | ------------- | ---------- | -------------------------------------------------------------------- |
 * | `run.json`    | host       | before the runner starts: job, log name, working directory            |
 * | `pids.json`   | runner     | once the command runs: runner and command pids with their identities |
 * | `output.log`  | command    | stdout and stderr, appended as the command writes them                |
 * | `heartbeat`   | runner     | mtime touched every heartbeat interval                               |
 * | `cancel.json` | host       | on cancel: the reason (the first request wins)                       |
 * | `exit.json`   | runner     | after the command's process group is gone: exit code, signal, reason |
 * | `shipped`     | host       | bytes of `output.log` handed to the log sink, after each append       |
 * | `runner.log`  | runner     | the runner's own diagnostics (stderr), quoted when it fails to start  |
 *
 * JSON files are written whole (temp file + rename), so readers never see half a record, and are
 * parsed on read. Environment variables are never written here.
 */
export const RunMeta = z.object({
  runId: z.string(),
  job: z.string(),
  logName: z.string(),
  workingDir: z.string(),
  createdAt: z.string(),
});
export type RunMeta = z.infer<typeof RunMeta>;

const ProcessRecord = z.object({ pid: z.number().int().positive(), identity: z.string().optional() });
export const RunPids = z.object({ runner: ProcessRecord, command: ProcessRecord });
export type RunPids = z.infer<typeof RunPids>;

export const ExitRecord = z.object({
  exitCode: z.number().int(),
  signal: z.string().optional(),
  endedAt: z.string(),
  cancelReason: z.string().optional(),
});
export type ExitRecord = z.infer<typeof ExitRecord>;

const CancelRequest = z.object({ reason: z.string(), requestedAt: z.string() });
export type CancelRequest = z.infer<typeof CancelRequest>;

export class RunFiles {
  constructor(readonly runId: string, readonly dir: string) {}

  file(name: 'run.json' | 'pids.json' | 'output.log' | 'heartbeat' | 'cancel.json' | 'exit.json' | 'shipped'): string {
    return path.join(this.dir, name);
  }

  /** NotFoundError when the run does not exist (or its directory is not a run). */
  async meta(): Promise<RunMeta> {
    const meta = await this.readJson('run.json', RunMeta);
    if (!meta) throw new NotFoundError(`run "${this.runId}" not found (no ${this.file('run.json')})`);
    return meta;
  }

  writeMeta(meta: RunMeta): Promise<void> {
    return this.writeAtomic('run.json', JSON.stringify(meta));
  }

  pids(): Promise<RunPids | undefined> {
    return this.readJson('pids.json', RunPids);
  }

  exit(): Promise<ExitRecord | undefined> {
    return this.readJson('exit.json', ExitRecord);
  }

  cancelRequest(): Promise<CancelRequest | undefined> {
    return this.readJson('cancel.json', CancelRequest);
  }

  /** Records a cancel request unless one is already recorded (the first reason is the one kept). */
  async requestCancel(reason: string, at: Date): Promise<void> {
    const request: CancelRequest = { reason, requestedAt: at.toISOString() };
    await writeFile(this.file('cancel.json'), JSON.stringify(request), { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }

  /** When the runner last showed it was alive; undefined before its first heartbeat. */
  async lastHeartbeat(): Promise<Date | undefined> {
    return (await statOrUndefined(this.file('heartbeat')))?.mtime;
  }

  async outputSize(): Promise<number> {
    return (await statOrUndefined(this.file('output.log')))?.size ?? 0;
  }

  async shipped(): Promise<number> {
    const text = await readFile(this.file('shipped'), 'utf8').catch(ifMissing(undefined));
    if (text === undefined) return 0;
    const offset = Number(text);
    if (!Number.isSafeInteger(offset) || offset < 0) throw new Error(`${this.file('shipped')}: expected a byte count, found "${text.slice(0, 40)}"`);
    return offset;
  }

  writeShipped(offset: number): Promise<void> {
    return this.writeAtomic('shipped', String(offset));
  }

  private async readJson<T>(name: Parameters<RunFiles['file']>[0], schema: z.ZodType<T>): Promise<T | undefined> {
    const text = await readFile(this.file(name), 'utf8').catch(ifMissing(undefined));
    if (text === undefined) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new Error(`${this.file(name)}: not valid JSON (${(error as Error).message})`, { cause: error });
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new Error(`${this.file(name)}: unexpected content: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
  }

  private async writeAtomic(name: Parameters<RunFiles['file']>[0], text: string): Promise<void> {
    const temp = `${this.file(name)}.${process.pid}.tmp`;
    await writeFile(temp, text);
    await rename(temp, this.file(name));
  }
}

function ifMissing<T>(value: T): (error: NodeJS.ErrnoException) => T {
  return (error) => {
    if (error.code === 'ENOENT') return value;
    throw error;
  };
}

function statOrUndefined(file: string) {
  return stat(file).catch(ifMissing(undefined));
}
