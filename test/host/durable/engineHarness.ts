import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { loadApp } from '../../../src/host/core/appLoader';
import { Invoker } from '../../../src/host/core/invoker';
import { AzureTaskHubStore } from '../../../src/host/durable/azureTaskHubStore';
import { TaskHubLease } from '../../../src/host/durable/taskHubLease';
import { DurableEngine } from '../../../src/host/durable/durableEngine';
import type { TaskHubStore } from '../../../src/host/durable/taskHubStore';
import { VirtualClock } from '../../../src/host/runtime/clock';
import { MemoryLogger } from '../../../src/host/runtime/logger';

export const durableBasicApp = path.join(__dirname, '..', '..', 'apps', 'durable-basic');

export function storageConnection(): string {
  const conn = process.env.DJ_TEST_STORAGE;
  if (!conn) throw new Error('DJ_TEST_STORAGE is not set: run the tests through vitest (globalSetup starts Azurite).');
  return conn;
}

export interface EngineHarness {
  engine: DurableEngine;
  clock: VirtualClock;
  logger: MemoryLogger;
  store: AzureTaskHubStore;
  hubName: string;
  /** Waits until no episode or activity runs, jumping the virtual clock to each due timer. */
  settle(options?: { advanceTimers?: boolean; maxSteps?: number }): Promise<void>;
  output(instanceId: string): Promise<unknown>;
}

export interface EngineOptions {
  appDir?: string;
  hubName?: string;
  clock?: VirtualClock;
  /** Wraps the real store, e.g. to make some writes fail. */
  wrapStore?: (store: AzureTaskHubStore) => TaskHubStore;
}

/** An engine over a real app and a fresh task hub in Azurite, driven by a virtual clock. */
export async function startEngine(options: EngineOptions = {}): Promise<EngineHarness> {
  const harness = await createEngine(options);
  await harness.engine.start();
  return harness;
}

/** Like startEngine, without starting: the caller decides when (and whether it may wait). */
export async function createEngine(options: EngineOptions = {}): Promise<EngineHarness> {
  const logger = new MemoryLogger();
  const app = await loadApp(options.appDir ?? durableBasicApp, (level, _c, message) => logger.log(level === 'error' ? 'error' : 'debug', message));
  const invoker = new Invoker(app.registry, () => (level, _category, message) => logger.log(level === 'error' ? 'error' : 'debug', message));
  const hubName = options.hubName ?? `t${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const store = new AzureTaskHubStore(storageConnection(), hubName);
  const clock = options.clock ?? new VirtualClock();
  const engine = new DurableEngine({
    store: options.wrapStore ? options.wrapStore(store) : store, clock, logger, functions: app.functions, maxConcurrentActivities: 32,
    lease: new TaskHubLease(storageConnection(), hubName, logger),
    invoke: (fn, trigger) => invoker.invoke(fn, { inputData: [{ name: Object.keys(fn.metadata.bindings).find((k) => /trigger$/i.test(fn.metadata.bindings[k]!.type))!, data: trigger.data }] }),
  });
  const settle: EngineHarness['settle'] = async ({ advanceTimers = true, maxSteps = 10_000 } = {}) => {
    for (let step = 0; step < maxSteps; step++) {
      await waitUntil(() => !engine.isBusy());
      const wake = clock.nextWake();
      if (!advanceTimers || wake === undefined) {
        // One more turn of the event loop: a timer callback may have just made work.
        await new Promise((resolve) => setImmediate(resolve));
        if (!engine.isBusy()) return;
        continue;
      }
      clock.advanceTo(wake);
      await new Promise((resolve) => setImmediate(resolve));
    }
    throw new Error(`settle: still busy after ${maxSteps} steps`);
  };
  const output = async (instanceId: string): Promise<unknown> => {
    const record = await store.readInstance(instanceId);
    return record?.output === undefined ? undefined : JSON.parse(record.output);
  };
  return { engine, clock, logger, store, hubName, settle, output };
}

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}
