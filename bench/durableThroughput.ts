import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadApp } from '../src/host/core/appLoader';
import { Invoker } from '../src/host/core/invoker';
import { AzureTaskHubStore } from '../src/host/durable/azureTaskHubStore';
import { DurableEngine } from '../src/host/durable/durableEngine';
import { systemClock } from '../src/host/runtime/clock';
import { MemoryLogger } from '../src/host/runtime/logger';
import { triggerOf } from '../src/host/runtime/types';
import { startAzurite } from '../src/host/services/azurite';

/**
 * Durable engine throughput on Azurite: fan-out/fan-in of N no-op activities and a chain of
 * sequential ones, through the real durable-functions library and the real task hub store.
 */
export async function durableThroughput(): Promise<void> {
  const location = await mkdtemp(path.join(tmpdir(), 'dj-bench-azurite-'));
  const azurite = await startAzurite({ location, blobPort: 0, queuePort: 0, tablePort: 0 });
  try {
    const appDir = path.resolve(__dirname, '..', '..', 'bench', 'apps', 'durable-noop');
    const logger = new MemoryLogger();
    const app = await loadApp(appDir, () => undefined);
    const invoker = new Invoker(app.registry, () => () => undefined);
    const store = new AzureTaskHubStore(azurite.connectionString, 'BenchHub');
    const engine = new DurableEngine({
      store, clock: systemClock, logger, functions: app.functions, maxConcurrentActivities: 64,
      invoke: (fn, trigger) => invoker.invoke(fn, { inputData: [{ name: triggerOf(fn).name, data: trigger.data }] }),
    });
    await engine.start();
    const run = async (orchestrator: string, n: number): Promise<number> => {
      const started = performance.now();
      const id = await engine.startNew(orchestrator, { input: n });
      const record = await engine.waitForCompletion(id);
      if (record.runtimeStatus !== 'Completed' || JSON.parse(record.output ?? 'null') !== n) {
        throw new Error(`${orchestrator}(${n}) ended ${record.runtimeStatus}: ${record.output}`);
      }
      return (performance.now() - started) / 1000;
    };
    await run('FanOutNoop', 100); // warm-up
    const t1k = await run('FanOutNoop', 1_000);
    const t10k = await run('FanOutNoop', 10_000);
    const chain = await run('ChainNoop', 1_000);
    await engine.stop();
    const line = (label: string, n: number, seconds: number): string =>
      `  ${label.padEnd(34)} ${seconds.toFixed(2).padStart(7)} s  ${(n / seconds).toFixed(0).padStart(7)} activities/s`;
    console.log('Durable engine on Azurite (no-op activities, one orchestration instance)');
    console.log(line('fan-out/fan-in N=1,000', 1_000, t1k));
    console.log(line('fan-out/fan-in N=10,000', 10_000, t10k));
    console.log(`  ${'ratio T(10,000)/T(1,000)'.padEnd(34)} ${(t10k / t1k).toFixed(2).padStart(7)}    (goal ≤ 12)`);
    console.log(line('sequential chain of 1,000', 1_000, chain));
    console.log('  goals: ≥ 1,000 fan-out activities/s, ≥ 200 sequential activities/s');
  } finally {
    await azurite.stop();
    await rm(location, { recursive: true, force: true });
  }
}
