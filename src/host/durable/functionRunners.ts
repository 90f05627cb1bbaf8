import type { RegisteredFunction } from '../core/coreShim';
import { fromTypedData } from '../core/typedData';
import { triggerOf, type InvokeFunction } from '../runtime/types';
import { actionLabel, type Action, type OrchestratorState } from './actions';
import type { OrchestratorOutcome } from './episode';

const OUT_OF_PROC_LABEL = '$OutOfProcData$:';

export interface OrchestrationInput {
  instanceId: string;
  /** The history as a JSON array (see ReplayLog). */
  historyJson: string;
  input: string | undefined;
  parentInstanceId?: string;
  isReplaying: boolean;
  longRunningTimerIntervalDuration: string;
  maximumShortTimerDuration: string;
}

/** Replays an orchestrator function over a history and reads back its OrchestratorState. */
export async function runOrchestrator(invoke: InvokeFunction, fn: RegisteredFunction, request: OrchestrationInput): Promise<OrchestratorOutcome> {
  const binding = {
    input: request.input === undefined ? undefined : JSON.parse(request.input),
    instanceId: request.instanceId,
    isReplaying: request.isReplaying,
    parentInstanceId: request.parentInstanceId,
    upperSchemaVersion: 3,
    upperSchemaVersionNew: 3,
    longRunningTimerIntervalDuration: request.longRunningTimerIntervalDuration,
    maximumShortTimerDuration: request.maximumShortTimerDuration,
    defaultHttpAsyncRequestSleepTimeMillseconds: 30_000,
  };
  try {
    // The history is spliced in as text: it is already serialized, and large.
    const json = `{"history":${request.historyJson},${JSON.stringify(binding).slice(1)}`;
    const result = await invoke(fn, { data: { string: json } });
    const state = fromTypedData(result.returnValue) as OrchestratorState | undefined;
    if (!state || !Array.isArray(state.actions)) {
      return { kind: 'failed', message: `Orchestrator "${fn.metadata.name}" returned no OrchestratorState — is it registered with df.app.orchestration?` };
    }
    return { kind: 'state', state, reyielded: reyieldedActions(result.handlerResult) };
  } catch (err) {
    return orchestratorFailure(err);
  }
}

/**
 * Actions that appear twice in the library's answer as the same object: a task that was already
 * scheduled and is yielded again inside Task.any/Task.all. durable-functions then reports its action
 * a second time (a known upstream bug), which Azure schedules again, shifting later task ids. The
 * engine does what Azure does, and says so.
 */
function reyieldedActions(handlerResult: unknown): string[] {
  const actions = (handlerResult as { actions?: unknown } | undefined)?.actions;
  if (!Array.isArray(actions)) return [];
  const seen = new Set<unknown>();
  const repeated: string[] = [];
  const visit = (action: unknown): void => {
    if (Array.isArray(action)) { action.forEach(visit); return; }
    if (!action || typeof action !== 'object') return;
    const compound = (action as { compoundActions?: unknown[] }).compoundActions;
    if (Array.isArray(compound)) { compound.forEach(visit); return; }
    if (seen.has(action)) repeated.push(actionLabel(action as Action));
    seen.add(action);
  };
  visit(actions);
  return repeated;
}

function orchestratorFailure(err: unknown): OrchestratorOutcome {
  const message = err instanceof Error ? err.message : String(err);
  const at = message.indexOf(OUT_OF_PROC_LABEL);
  if (at >= 0) {
    try {
      const state = JSON.parse(message.slice(at + OUT_OF_PROC_LABEL.length)) as OrchestratorState;
      return { kind: 'failed', message: state.error ?? message.slice(0, at).trim(), state };
    } catch {
      // fall through: report the raw message
    }
  }
  return { kind: 'failed', message, details: err instanceof Error ? err.stack : undefined };
}

export type ActivityOutcome = { ok: true; result: string } | { ok: false; reason: string; details?: string };

/** Runs an activity function with its JSON input; the result is JSON text ("null" for nothing). */
export async function runActivity(invoke: InvokeFunction, fn: RegisteredFunction, input: string | undefined): Promise<ActivityOutcome> {
  try {
    const result = await invoke(fn, { data: input === undefined ? {} : { json: input } });
    const value = fromTypedData(result.returnValue);
    return { ok: true, result: value === undefined ? 'null' : JSON.stringify(Buffer.isBuffer(value) ? value.toString('utf8') : value) };
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    return { ok: false, reason: `Activity function '${fn.metadata.name}' failed: ${error.message}`, details: error.stack };
  }
}

export function triggerTypeOf(fn: RegisteredFunction): string {
  return triggerOf(fn).binding.type.toLowerCase();
}
