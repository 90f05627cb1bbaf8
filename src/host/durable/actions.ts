/** Orchestrator actions as durable-functions returns them in its OrchestratorState. */
export const ActionType = {
  CallActivity: 0,
  CallActivityWithRetry: 1,
  CallSubOrchestrator: 2,
  CallSubOrchestratorWithRetry: 3,
  ContinueAsNew: 4,
  CreateTimer: 5,
  WaitForExternalEvent: 6,
  CallEntity: 7,
  CallHttp: 8,
  SignalEntity: 9,
  WhenAny: 11,
  WhenAll: 12,
  LockEntities: 13,
  ReleaseEntities: 14,
} as const;
export type ActionType = (typeof ActionType)[keyof typeof ActionType];

export interface RetryOptionsWire {
  firstRetryIntervalInMilliseconds: number;
  maxNumberOfAttempts: number;
  backoffCoefficient?: number;
  maxRetryIntervalInMilliseconds?: number;
  retryTimeoutInMilliseconds?: number;
}

export interface Action {
  actionType: ActionType;
  functionName?: string;
  input?: unknown;
  retryOptions?: RetryOptionsWire;
  instanceId?: string;
  fireAt?: string;
  isCanceled?: boolean;
  externalEventName?: string;
  compoundActions?: Action[];
  operation?: string;
  httpRequest?: unknown;
}

export interface OrchestratorState {
  isDone: boolean;
  actions: Action[][] | Action[];
  output?: unknown;
  error?: string;
  customStatus?: unknown;
  schemaVersion?: number;
}

/** Flattens compound (WhenAll/WhenAny) actions depth-first, in the order the library numbers them. */
export function flattenActions(state: OrchestratorState): Action[] {
  const out: Action[] = [];
  const visit = (action: Action): void => {
    if (action.actionType === ActionType.WhenAll || action.actionType === ActionType.WhenAny) {
      for (const child of action.compoundActions ?? []) visit(child);
    } else {
      out.push(action);
    }
  };
  for (const entry of state.actions) {
    if (Array.isArray(entry)) entry.forEach(visit);
    else visit(entry);
  }
  return out;
}

/** Actions that take a sequence number (an EventId) when the library tracks them. */
export function consumesSequenceNumber(action: Action): boolean {
  return action.actionType !== ActionType.WaitForExternalEvent && action.actionType !== ActionType.ContinueAsNew;
}

/** The name used to compare an action with the history event it produced. */
export function actionLabel(action: Action): string {
  const kind = Object.entries(ActionType).find(([, value]) => value === action.actionType)?.[0] ?? `Action${action.actionType}`;
  return action.functionName ? `${kind}("${action.functionName}")` : kind;
}

/** The JSON text an activity or orchestration receives: the library pre-encodes string inputs. */
export function encodedInput(action: Action): string | undefined {
  if (action.input === undefined) return undefined;
  const preEncoded = action.actionType === ActionType.CallActivity
    || action.actionType === ActionType.CallActivityWithRetry
    || action.actionType === ActionType.ContinueAsNew;
  if (preEncoded && typeof action.input === 'string') return action.input;
  return JSON.stringify(action.input);
}
