import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { loadJobFile } from '../../adapters/fs/jobFiles';
import { NotFoundError, ValidationError } from '../../model/errors';
import { locateInDocument } from '../../model/yamlLocate';
import { checkScheduleYaml, readYamlDocument } from '../../schedules/model/scheduleYaml';
import type { NormalizedSchedule } from '../../schedules/model/scheduleSpec';

/**
 * Reads a schedule file as `az ml schedule create --file` does: `create_job` may be the path of a
 * job YAML, relative to the schedule file, which is checked as a job file (its problems name that
 * file and line) and put inline. ValidationError with `file:line:col` for every problem.
 */
export async function loadScheduleFile(file: string, name?: string): Promise<NormalizedSchedule> {
  const text = await readText(file, 'schedule file');
  const read = readYamlDocument(text, file);
  if (!read.ok) throw new ValidationError(read.issues, { summary: `${file} is not a valid schedule` });
  const createJob = (read.data as { create_job?: unknown } | null)?.create_job;
  let job: unknown;
  if (typeof createJob === 'string') {
    const jobFile = path.resolve(path.dirname(file), createJob);
    const at = read.at(locateInDocument(read.doc, ['create_job'], 'value'));
    if (createJob.startsWith('azureml:')) {
      throw new ValidationError([{ file, ...at, path: 'create_job', message: `${createJob}: jobs registered in a workspace are not available here; give the path of a job YAML file, or the job inline` }]);
    }
    try {
      await loadJobFile(jobFile);
    } catch (err) {
      if (err instanceof NotFoundError) throw new ValidationError([{ file, ...at, path: 'create_job', message: `no job file at ${jobFile} (paths are relative to the schedule file)` }]);
      throw err;
    }
    job = parse(await readText(jobFile, 'job file'));
  }
  const result = checkScheduleYaml(text, file, (data) => ({ ...data, ...(name !== undefined && { name }), ...(job !== undefined && { create_job: job }) }));
  if (!result.ok) throw new ValidationError(result.issues, { summary: `${file} is not a valid schedule` });
  return result.schedule;
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new NotFoundError(code === 'ENOENT' ? `${what} not found: ${file}` : `cannot read ${what} ${file}: ${(err as Error).message}`, { cause: err });
  }
}
