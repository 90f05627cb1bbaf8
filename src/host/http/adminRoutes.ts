import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RegisteredFunction } from '../core/coreShim';
import type { SystemHttpHandler, TriggerData } from '../runtime/types';
import { triggerType } from '../bindings/functionCatalog';
import { BodyTooLargeError, readBody } from './bodyLimit';
import { presentedKey, type KeyAuthorizer } from './keys';
import { sendJson, sendPayloadTooLarge } from './responses';

export interface AdminDeps {
  authorizer: KeyAuthorizer;
  find(name: string): RegisteredFunction | undefined;
  unavailable(name: string): string | undefined;
  /** Starts an invocation in the background (tracked by the host). */
  start(fn: RegisteredFunction, trigger: TriggerData): void;
}

const ADMIN_BODY_LIMIT = 1024 * 1024;

/**
 * The admin API Core Tools offers (admin auth level: the master key once keys are configured):
 * `GET /admin/host/status`, and `POST /admin/functions/{name}` with `{"input": "…"}` to run a
 * non-HTTP function by hand (202 Accepted; the outcome is in the host log).
 */
export function adminRoutes(deps: AdminDeps): SystemHttpHandler {
  return async (req, res, url) => {
    if (!url.pathname.toLowerCase().startsWith('/admin/')) return false;
    if (!deps.authorizer.allows('admin', '', presentedKey(req, url))) {
      sendJson(res, 401, { error: 'Unauthorized', message: 'The admin API needs the master key in ?code= or an x-functions-key header.' });
      return true;
    }
    if (req.method === 'GET' && /^\/admin\/host\/status\/?$/i.test(url.pathname)) {
      sendJson(res, 200, { state: 'Running' });
      return true;
    }
    const invoke = /^\/admin\/functions\/([^/]+)\/?$/i.exec(url.pathname);
    if (invoke && req.method === 'POST') {
      await runByHand(deps, req, res, decodeURIComponent(invoke[1]!));
      return true;
    }
    sendJson(res, 404, { error: 'NotFound', message: `No admin API at ${req.method} ${url.pathname} (available: GET /admin/host/status, POST /admin/functions/{name}).`, path: url.pathname });
    return true;
  };
}

async function runByHand(deps: AdminDeps, req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
  const fn = deps.find(name);
  if (!fn) {
    sendJson(res, 404, { error: 'NotFound', message: `No function named "${name}".` });
    return;
  }
  const problem = deps.unavailable(name);
  if (problem !== undefined) {
    sendJson(res, 409, { error: 'FunctionUnavailable', message: problem });
    return;
  }
  const type = triggerType(fn).toLowerCase();
  if (type === 'httptrigger') {
    sendJson(res, 400, { error: 'BadRequest', message: `Function "${name}" is HTTP-triggered: call its route instead.` });
    return;
  }
  let input: unknown;
  try {
    const body = await readBody(req, ADMIN_BODY_LIMIT);
    input = body.length === 0 ? undefined : (JSON.parse(body.toString('utf8')) as { input?: unknown }).input;
  } catch (err) {
    if (err instanceof BodyTooLargeError) sendPayloadTooLarge(res, ADMIN_BODY_LIMIT);
    else sendJson(res, 400, { error: 'BadRequest', message: 'The body must be JSON like {"input": "…"}.' });
    return;
  }
  deps.start(fn, manualTrigger(type, input));
  sendJson(res, 202, { message: `Function "${fn.metadata.name}" started.` });
}

function manualTrigger(type: string, input: unknown): TriggerData {
  if (type === 'timertrigger') {
    return { data: { json: JSON.stringify({ Schedule: { AdjustForDST: true }, ScheduleStatus: null, IsPastDue: false }) }, metadata: {}, bindingData: {} };
  }
  const text = input === undefined ? '' : typeof input === 'string' ? input : JSON.stringify(input);
  return { data: { string: text }, metadata: {}, bindingData: {} };
}
