import { randomUUID } from 'node:crypto';
import type { ReceivedMessageItem } from '@azure/storage-queue';
import type { RpcTypedData } from '../core/rpcTypes';
import type { TriggerData } from '../runtime/types';

/**
 * What a queue trigger hands the function, as Azure does: the message as JSON when it parses (else
 * a string), and trigger metadata `QueueTrigger, DequeueCount, Id, PopReceipt, InsertionTime,
 * ExpirationTime, NextVisibleTime, sys` plus a JSON message's top-level properties (the library
 * camel-cases the names: `context.triggerMetadata.dequeueCount`). The same values feed `{name}`
 * expressions of the other bindings.
 */
export function queueTriggerData(message: ReceivedMessageItem, text: string, functionName: string, now: number): TriggerData {
  const parsed = tryParse(text);
  const properties = isRecord(parsed) ? parsed : {};
  const builtIns: Record<string, unknown> = {
    QueueTrigger: text,
    DequeueCount: message.dequeueCount,
    Id: message.messageId,
    PopReceipt: message.popReceipt,
    InsertionTime: message.insertedOn.toISOString(),
    ExpirationTime: message.expiresOn.toISOString(),
    NextVisibleTime: message.nextVisibleOn.toISOString(),
  };
  const metadata: Record<string, RpcTypedData> = {};
  for (const [name, value] of Object.entries({ ...properties, ...builtIns })) metadata[name] = typed(value);
  metadata['sys'] = { json: JSON.stringify({ MethodName: functionName, UtcNow: new Date(now).toISOString(), RandGuid: randomUUID() }) };
  return {
    data: parsed === undefined ? { string: text } : { json: text },
    metadata,
    bindingData: { ...properties, ...lowerFirst(builtIns) },
  };
}

function typed(value: unknown): RpcTypedData {
  if (typeof value === 'string') return { string: value };
  return { json: JSON.stringify(value) };
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lowerFirst(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), v]));
}
