import { z } from 'zod';
import { ApiError, HostUnreachableError, UnauthorizedError } from './errors';
import { JobsClient } from './jobsClient';
import { ApiErrorBody, JobView } from './types';

/**
 * A small typed client of the schedules API (`/api/schedules…`), beside JobsClient (whose URL
 * rules it shares): the key in `x-functions-key`, answers parsed with zod, failures as the errors
 * of ./errors.ts plus ScheduleNotFoundError.
 */

export const ScheduleView = z.looseObject({
  name: z.string(),
  display_name: z.string().optional(),
  is_enabled: z.boolean(),
  trigger: z.looseObject({ type: z.string(), time_zone: z.string().optional() }),
  create_job: z.record(z.string(), z.unknown()),
  catch_up: z.string(),
  concurrency: z.string(),
  next_fire_time: z.string().nullable(),
  last_fire_time: z.string().optional(),
  upcoming_fire_times: z.array(z.string()).optional(),
  jobs_created: z.number(),
  jobs: z.array(z.looseObject({ name: z.string(), fire_time: z.string(), manual: z.boolean().optional() })),
  skipped_ticks: z.array(z.looseObject({ from: z.string(), to: z.string(), reason: z.string() })),
});
export type ScheduleView = z.infer<typeof ScheduleView>;

export const ScheduleList = z.looseObject({ schedules: z.array(ScheduleView), continuation_token: z.string().optional() });
export type ScheduleList = z.infer<typeof ScheduleList>;

export class ScheduleNotFoundError extends Error {
  override readonly name = 'ScheduleNotFoundError';

  constructor(readonly schedule: string) {
    super(`no schedule named ${schedule}`);
  }
}

export class SchedulesClient {
  readonly url: string;

  constructor(private readonly options: { url: string; key?: string | undefined; timeoutMs?: number }) {
    this.url = new JobsClient(options).url;
  }

  async put(name: string, schedule: unknown): Promise<{ schedule: ScheduleView; created: boolean }> {
    const response = await this.call('PUT', name, '', JSON.stringify(schedule));
    return { schedule: await read(response, ScheduleView), created: response.status === 201 };
  }

  async show(name: string): Promise<ScheduleView> {
    return read(await this.call('GET', name), ScheduleView);
  }

  async yaml(name: string): Promise<string> {
    return (await this.call('GET', name, '?format=yaml')).text();
  }

  async list(continuationToken?: string): Promise<ScheduleList> {
    const query = continuationToken === undefined ? '' : `?continuationToken=${encodeURIComponent(continuationToken)}`;
    return read(await this.call('GET', undefined, query), ScheduleList);
  }

  async setEnabled(name: string, enabled: boolean): Promise<ScheduleView> {
    return read(await this.call('POST', name, `/${enabled ? 'enable' : 'disable'}`), ScheduleView);
  }

  async delete(name: string, force: boolean): Promise<void> {
    await this.call('DELETE', name, force ? '?force=true' : '');
  }

  async trigger(name: string): Promise<JobView> {
    return read(await this.call('POST', name, '/trigger'), JobView);
  }

  private async call(method: string, name: string | undefined, rest = '', body?: string): Promise<Response> {
    const target = `${this.url}/api/schedules${name === undefined ? '' : `/${encodeURIComponent(name)}`}${rest}`;
    const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/json' };
    if (this.options.key) headers['x-functions-key'] = this.options.key;
    let response: Response;
    try {
      response = await fetch(target, { method, headers, ...(body !== undefined && { body }), signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000) });
    } catch (err) {
      const code = (err as { cause?: { code?: unknown } }).cause?.code;
      throw new HostUnreachableError(this.url, typeof code === 'string' ? code : (err as Error).name === 'TimeoutError' ? 'no answer within the time limit' : undefined, { cause: err });
    }
    if (response.ok) return response;
    if (response.status === 401) throw new UnauthorizedError(this.url, Boolean(this.options.key));
    const text = await response.text();
    const answer = ApiErrorBody.safeParse(safeJson(text));
    if (!answer.success) throw new ApiError(response.status, `Http${response.status}`, `${method} /api/schedules${name ? `/${name}` : ''}${rest} answered ${response.status}${response.status === 404 ? ' — is this a durable-jobs host with schedules?' : `: ${text.slice(0, 300)}`}`);
    if (response.status === 404 && name !== undefined && answer.data.error.code === 'NotFound') throw new ScheduleNotFoundError(name);
    throw new ApiError(response.status, answer.data.error.code, answer.data.error.message, answer.data.error.details ?? []);
  }
}

/** The answer as `schema` wants it; handed back as the server sent it (field order kept) for -o json. */
async function read<T extends z.ZodType>(response: Response, schema: T): Promise<z.infer<T>> {
  const data = safeJson(await response.text());
  if (!schema.safeParse(data).success) throw new ApiError(response.status, 'UnexpectedAnswer', `the host answered ${response.url} with something this CLI does not understand — is the CLI as new as the host?`);
  return data as z.infer<T>;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
