import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { SystemHttpHandler } from '../runtime/types';
import { InstanceExistsError, InstanceNotFoundError, type DurableEngine } from './durableEngine';
import { eventTypeName } from './historyEvents';
import { TERMINAL_STATUSES, type RuntimeStatus } from './instanceState';
import type { InstanceRecord } from './taskHubStore';

export const WEBHOOK_PREFIX = '/runtime/webhooks/durabletask/';
const RUNTIME_STATUSES: RuntimeStatus[] = ['Pending', 'Running', 'Completed', 'ContinuedAsNew', 'Failed', 'Canceled', 'Terminated', 'Suspended'];
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface ManagementApiOptions {
  engine: DurableEngine;
  taskHubName: string;
  /** Path of the capability-protected RPC form, e.g. `/durabletask-rpc/<token>/`. */
  rpcPrefix: string;
  /** When set, the webhook form requires it as `code` / `x-functions-key`. */
  systemKey?: string;
  /** Public origin used in the URLs handed out (management payloads, Location). */
  baseUrl: () => string;
}

/** The client-binding data durable-functions' `getClient` expects. */
export function durableClientData(options: ManagementApiOptions, connectionName = 'Storage'): Record<string, unknown> {
  const base = `${options.baseUrl()}${WEBHOOK_PREFIX}`;
  const query = `taskHub=${encodeURIComponent(options.taskHubName)}&connection=${connectionName}${options.systemKey ? `&code=${encodeURIComponent(options.systemKey)}` : ''}`;
  return {
    taskHubName: options.taskHubName,
    creationUrls: {
      createNewInstancePostUri: `${base}orchestrators/{functionName}[/{instanceId}]?${query}`,
      createAndWaitOnNewInstancePostUri: `${base}orchestrators/{functionName}[/{instanceId}]?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&${query}`,
    },
    managementUrls: managementUrls(base, query, 'INSTANCEID'),
    baseUrl: `${options.baseUrl()}/runtime/webhooks/durabletask`,
    requiredQueryStringParameters: query,
    rpcBaseUrl: `${options.baseUrl()}${options.rpcPrefix}`,
    httpBaseUrl: `${options.baseUrl()}/runtime/webhooks/durabletask`,
  };
}

function managementUrls(base: string, query: string, id: string): Record<string, string> & { statusQueryGetUri: string } {
  const instance = `${base}instances/${encodeURIComponent(id)}`;
  return {
    id,
    statusQueryGetUri: `${instance}?${query}`,
    sendEventPostUri: `${instance}/raiseEvent/{eventName}?${query}`,
    terminatePostUri: `${instance}/terminate?reason={text}&${query}`,
    rewindPostUri: `${instance}/rewind?reason={text}&${query}`,
    purgeHistoryDeleteUri: `${instance}?${query}`,
    restartPostUri: `${instance}/restart?${query}`,
    suspendPostUri: `${instance}/suspend?reason={text}&${query}`,
    resumePostUri: `${instance}/resume?reason={text}&${query}`,
  };
}

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error(`Request body exceeds ${MAX_BODY_BYTES} bytes`), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw Object.assign(new Error('Request body is not valid JSON'), { status: 400 });
  }
}

function keyMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The status payload durable-functions' DurableOrchestrationStatus is built from. */
async function statusPayload(engine: DurableEngine, record: InstanceRecord, url: URL): Promise<Record<string, unknown>> {
  const showInput = url.searchParams.get('showInput') !== 'false';
  const payload: Record<string, unknown> = {
    name: record.name,
    instanceId: record.instanceId,
    createdTime: record.createdTime,
    lastUpdatedTime: record.lastUpdatedTime,
    runtimeStatus: record.runtimeStatus,
    input: showInput && record.input !== undefined ? JSON.parse(record.input) : null,
    output: record.output !== undefined ? JSON.parse(record.output) : null,
    customStatus: record.customStatus !== undefined ? JSON.parse(record.customStatus) : null,
  };
  if (url.searchParams.get('showHistory') === 'true') {
    const withOutput = url.searchParams.get('showHistoryOutput') === 'true';
    // `historyEvents` is the documented webhook field; durable-functions' status class reads `history`.
    payload.historyEvents = (await engine.getHistory(record)).map((event) => {
      const out: Record<string, unknown> = { EventType: eventTypeName(event.EventType), Timestamp: event.Timestamp };
      if (event.Name) out.FunctionName = event.Name;
      if (event.TaskScheduledId !== undefined) out.ScheduledId = event.TaskScheduledId;
      if (event.FireAt) out.FireAt = event.FireAt;
      if (event.Reason) out.Reason = event.Reason;
      if (withOutput && event.Result !== undefined) out.Result = safeJson(event.Result);
      return out;
    });
    payload.history = payload.historyEvents;
  }
  return payload;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Serves the Durable Functions HTTP management API in both forms durable-functions uses: the
 * webhook URLs (`/runtime/webhooks/durabletask/…`, key-protected when keys are configured) and
 * the RPC base URL handed to the client binding (a per-host secret path).
 */
export function managementApi(options: ManagementApiOptions): SystemHttpHandler {
  const { engine } = options;
  return async (req, res, url) => {
    let rest: string;
    if (url.pathname.startsWith(options.rpcPrefix)) {
      rest = url.pathname.slice(options.rpcPrefix.length);
    } else if (url.pathname.startsWith(WEBHOOK_PREFIX)) {
      const given = url.searchParams.get('code') ?? (req.headers['x-functions-key'] as string | undefined);
      if (options.systemKey && !keyMatches(options.systemKey, given)) {
        send(res, 401, { error: 'Unauthorized', message: 'The durable task webhook API needs the host key as ?code= or x-functions-key.' });
        return true;
      }
      rest = url.pathname.slice(WEBHOOK_PREFIX.length);
    } else {
      return false;
    }
    const parts = rest.split('/').filter((p) => p.length > 0).map(decodeURIComponent);
    try {
      await route(req, res, url, parts);
    } catch (err) {
      const status = (err as { status?: number }).status
        ?? (err instanceof InstanceNotFoundError ? 404 : err instanceof InstanceExistsError ? 409 : 500);
      send(res, status, { error: (err as Error).name, message: (err as Error).message });
    }
    return true;
  };

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, parts: string[]): Promise<void> {
    const method = req.method ?? 'GET';
    const [head, id, action, eventName] = parts;
    if (head === 'orchestrators' && id && method === 'POST') {
      const input = parseJsonBody(await readBody(req));
      const instanceId = await engine.startNew(id, { instanceId: action, input });
      const payload = { ...managementUrls(`${options.baseUrl()}${WEBHOOK_PREFIX}`, durableClientData(options).requiredQueryStringParameters as string, instanceId), id: instanceId };
      send(res, 202, payload, { Location: payload.statusQueryGetUri ?? "" });
      return;
    }
    if (head === 'entities' && id && action) {
      if (method === 'GET') {
        const entity = await engine.readEntityState(id, action);
        if (entity.exists) send(res, 200, entity.state ?? null);
        else send(res, 404, { error: 'NotFound', message: `Entity @${id}@${action} does not exist.` });
        return;
      }
      if (method === 'POST') {
        const op = url.searchParams.get('op');
        if (!op) { send(res, 400, { error: 'BadRequest', message: 'Signalling an entity needs ?op=<operation>.' }); return; }
        await engine.signalEntity(id, action, op, parseJsonBody(await readBody(req)));
        send(res, 202);
        return;
      }
      send(res, 405, { error: 'MethodNotAllowed', message: `${method} is not allowed on entities` }, { Allow: 'GET, POST' });
      return;
    }
    if (head !== 'instances') {
      send(res, 404, { error: 'NotFound', message: `No durable task API at ${url.pathname}` });
      return;
    }
    if (!id) {
      if (method === 'GET') return listInstances(res, url, req);
      if (method === 'DELETE') return purgeMany(res, url);
      send(res, 405, { error: 'MethodNotAllowed', message: `${method} is not allowed on instances/` }, { Allow: 'GET, DELETE' });
      return;
    }
    const record = await engine.store.readInstance(id);
    if (method === 'GET' && !action) {
      if (!record) { send(res, 404, { error: 'NotFound', message: `No instance with ID "${id}".` }); return; }
      const status = TERMINAL_STATUSES.has(record.runtimeStatus) ? (record.runtimeStatus === 'Completed' ? 200 : 400) : 202;
      send(res, status, await statusPayload(engine, record, url));
      return;
    }
    if (method === 'DELETE' && !action) {
      const deleted = await engine.purge(id);
      send(res, deleted ? 200 : 404, { instancesDeleted: deleted ? 1 : 0 });
      return;
    }
    if (method !== 'POST') {
      send(res, 405, { error: 'MethodNotAllowed', message: `${method} is not allowed here` }, { Allow: 'POST' });
      return;
    }
    if (!record) { send(res, 404, { error: 'NotFound', message: `No instance with ID "${id}".` }); return; }
    if (TERMINAL_STATUSES.has(record.runtimeStatus) && action !== 'rewind') {
      send(res, 410, { error: 'Gone', message: `Instance "${id}" is ${record.runtimeStatus}.` });
      return;
    }
    const reason = url.searchParams.get('reason') ?? undefined;
    switch (action) {
      case 'raiseEvent':
        if (!eventName) { send(res, 400, { error: 'BadRequest', message: 'raiseEvent needs an event name' }); return; }
        await engine.raiseEvent(id, eventName, parseJsonBody(await readBody(req)));
        break;
      case 'terminate':
        await engine.terminate(id, reason);
        break;
      case 'suspend':
        await engine.suspend(id, reason);
        break;
      case 'resume':
        await engine.resumeSuspended(id, reason);
        break;
      default:
        send(res, 501, { error: 'NotImplemented', message: `"${action}" is not supported by the durable-jobs local host.` });
        return;
    }
    send(res, 202);
  }

  async function listInstances(res: ServerResponse, url: URL, req: IncomingMessage): Promise<void> {
    const statuses = parseStatuses(url.searchParams.get('runtimeStatus'));
    const top = url.searchParams.get('top');
    const page = await engine.store.queryInstances({
      runtimeStatus: statuses,
      createdTimeFrom: url.searchParams.get('createdTimeFrom') ?? undefined,
      createdTimeTo: url.searchParams.get('createdTimeTo') ?? undefined,
      instanceIdPrefix: url.searchParams.get('instanceIdPrefix') ?? undefined,
      pageSize: top ? Number(top) : 100, excludeEntities: true,
      continuationToken: (req.headers['x-ms-continuation-token'] as string | undefined) || undefined,
    });
    const body = await Promise.all(page.instances.map((record) => statusPayload(engine, record, url)));
    send(res, 200, body, page.continuationToken ? { 'x-ms-continuation-token': page.continuationToken } : {});
  }

  async function purgeMany(res: ServerResponse, url: URL): Promise<void> {
    let deleted = 0;
    let token: string | undefined;
    const statuses = parseStatuses(url.searchParams.get('runtimeStatus')) ?? ['Completed', 'Failed', 'Terminated', 'Canceled'];
    do {
      const page = await engine.store.queryInstances({
        runtimeStatus: statuses.filter((s) => TERMINAL_STATUSES.has(s)),
        createdTimeFrom: url.searchParams.get('createdTimeFrom') ?? undefined,
        createdTimeTo: url.searchParams.get('createdTimeTo') ?? undefined,
        continuationToken: token,
      });
      for (const record of page.instances) if (await engine.purge(record.instanceId)) deleted++;
      token = page.continuationToken;
    } while (token);
    send(res, deleted > 0 ? 200 : 404, { instancesDeleted: deleted });
  }
}

function parseStatuses(value: string | null): RuntimeStatus[] | undefined {
  if (!value) return undefined;
  const statuses = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const status of statuses) {
    if (!RUNTIME_STATUSES.includes(status as RuntimeStatus)) {
      throw Object.assign(new Error(`Unknown runtimeStatus "${status}"; expected one of ${RUNTIME_STATUSES.join(', ')}`), { status: 400 });
    }
  }
  return statuses as RuntimeStatus[];
}
