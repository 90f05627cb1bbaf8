import { NotFoundError } from '../model';
import type { JobRecord } from '../model';
import type { ArtifactStore, JobStore } from '../ports';
import { attachment, contentTypeOf } from './contentTypes';
import { existingJob } from './jobLogs';
import { jobNameParam, queryOf, single, type ApiHttpRequest } from './request';
import type { ApiAnswer } from './respond';

/**
 * `GET /api/jobs/{name}/outputs`: the job's declared outputs, with the URI each was uploaded to.
 * `GET /api/jobs/{name}/outputs/{output}`: the files of one output (`path` relative to the
 * output, `size` in bytes, `href` to download it) — none until the job has uploaded it.
 * `GET /api/jobs/{name}/outputs/{output}?path=<file>`: that file, as an attachment with a content
 * type from its extension. Unknown jobs, outputs and files are 404; a path that would leave the
 * output's folder is a 400.
 */

export interface OutputDeps {
  readonly jobs: JobStore;
  readonly artifacts: ArtifactStore;
}

export function outputHref(job: string, output: string, path?: string): string {
  const base = `/api/jobs/${encodeURIComponent(job)}/outputs/${encodeURIComponent(output)}`;
  return path === undefined ? base : `${base}?path=${encodeURIComponent(path)}`;
}

export async function jobOutputsRequest(deps: OutputDeps, request: ApiHttpRequest): Promise<ApiAnswer> {
  const name = jobNameParam(request);
  const output = request.params['output'] ?? '';
  const query = queryOf(request, output === '' ? [] : ['path']);
  const record = await existingJob(deps.jobs, name);
  if (output === '') return listOutputs(record);
  if (!Object.hasOwn(record.spec.outputs, output)) throw unknownOutput(record, output);
  const path = single(query, 'path');
  if (path !== undefined) return downloadFile(deps.artifacts, record, output, path);
  const files = await deps.artifacts.listOutput(record.name, output);
  return {
    status: 200,
    jsonBody: {
      name: record.name,
      output,
      uri: record.outputs[output] ?? null,
      files: files.map((file) => ({ path: file.path, size: file.size, href: outputHref(record.name, output, file.path) })),
    },
  };
}

function listOutputs(record: JobRecord): ApiAnswer {
  const outputs = Object.entries(record.spec.outputs).map(([output, spec]) => ({
    name: output,
    type: spec.type,
    uri: record.outputs[output] ?? null,
    href: outputHref(record.name, output),
  }));
  return { status: 200, jsonBody: { name: record.name, status: record.status, outputs } };
}

async function downloadFile(artifacts: ArtifactStore, record: JobRecord, output: string, path: string): Promise<ApiAnswer> {
  const stream = await artifacts.readOutputFile(record.name, output, path);
  if (stream === undefined) {
    const when = record.outputs[output] === undefined ? ` (the output has not been uploaded yet; job status ${record.status})` : '';
    throw new NotFoundError(`output ${output} of job ${record.name} has no file ${path}${when}`);
  }
  return {
    status: 200,
    body: stream,
    headers: { 'Content-Type': contentTypeOf(path), 'Content-Disposition': attachment(path), 'X-Content-Type-Options': 'nosniff' },
  };
}

function unknownOutput(record: JobRecord, output: string): NotFoundError {
  const names = Object.keys(record.spec.outputs);
  return new NotFoundError(`job ${record.name} has no output ${output}; ${names.length === 0 ? 'it declares no outputs' : `its outputs: ${names.join(', ')}`}`);
}
