import { startHost } from '../index';
import { consoleLogger } from '../runtime/logger';

export interface WorkerOptions {
  appDir: string;
  port: number;
  hostname?: string;
}

/**
 * Runs the host in this process until SIGTERM/SIGINT, then stops it gracefully. The supervisor runs
 * one of these as its child; it is also what `durable-jobs host --no-supervise` runs directly.
 */
export async function runWorker(options: WorkerOptions): Promise<void> {
  const logger = consoleLogger();
  const host = await startHost({ appDir: options.appDir, port: options.port, hostname: options.hostname, logger });
  process.send?.({ type: 'ready', url: host.url, functions: host.functions.map((f) => f.metadata.name) });
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    process.on('disconnect', stop);
  });
  logger.log('info', 'Stopping the host…');
  await host.stop();
  // The IPC channel to the supervisor would keep this process alive.
  if (process.connected) process.disconnect();
}
