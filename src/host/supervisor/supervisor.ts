import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startServices, type LocalServices } from '../services/startServices';
import type { ServiceOutcome } from '../services/provided';
import { effectiveSettings } from './appSettings';
import { buildIfNeeded, defaultStorage } from './prepareApp';

export interface SupervisorOptions {
  appDir: string;
  port: number;
  hostname: string;
  /** Where Azurite keeps its data (git-ignored). */
  dataDir: string;
  /** Start Azurite / the Cosmos emulator for settings that point at this machine. */
  services: boolean;
  log: (line: string) => void;
}

interface ReadyMessage { type: 'ready'; url: string; functions: string[] }

const CLI_ENTRY = path.join(__dirname, '..', '..', 'cli', 'main.js');
const MAX_BACKOFF_MS = 10_000;
/** A host that ran this long before crashing was healthy: restart it without delay. */
const HEALTHY_RUN_MS = 30_000;
const STOP_GRACE_MS = 15_000;

function describe(name: string, outcome: ServiceOutcome): string {
  if (outcome.action === 'skipped') return `${name}: not started (${outcome.reason})`;
  return `${name}: ${outcome.action} — ${outcome.endpoints.join(', ')}`;
}

/**
 * `npm start` / `durable-jobs host`: brings up the local services, runs the host in a child process,
 * restarts it when it crashes (with back-off when it keeps crashing), and on Ctrl-C or SIGTERM
 * stops the host gracefully and then the services it started.
 */
export async function supervise(options: SupervisorOptions): Promise<number> {
  const { log } = options;
  await buildIfNeeded(options.appDir, log);
  defaultStorage(effectiveSettings(options.appDir), process.env, log);
  let services: LocalServices | undefined;
  if (options.services) {
    services = await startServices({ settings: effectiveSettings(options.appDir), dataDir: options.dataDir, log: () => undefined });
    log(describe('Azurite (storage)', services.azurite));
    log(describe('Cosmos DB emulator', services.cosmos));
  }

  let child: ChildProcess | undefined;
  let stopping = false;
  let failures = 0;
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) return;
      stopping = true;
      log(`${signal} received: stopping the host${services ? ' and the local services' : ''}…`);
      if (!child || child.exitCode !== null || child.signalCode !== null) { resolve(); return; }
      const running = child;
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
      // A host that does not finish its graceful stop in time is not allowed to hang Ctrl-C.
      setTimeout(() => {
        if (running.exitCode === null && running.signalCode === null) {
          log(`Host process ${running.pid} did not stop within ${STOP_GRACE_MS} ms; killing it`);
          running.kill('SIGKILL');
        }
      }, STOP_GRACE_MS).unref();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

  const launch = (): void => {
    const startedAt = Date.now();
    child = fork(CLI_ENTRY, ['host', '--app', options.appDir, '--port', String(options.port), '--hostname', options.hostname, '--no-supervise'], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    log(`Host process ${child.pid} starting for ${options.appDir}`);
    child.on('message', (message: ReadyMessage) => {
      if (message.type !== 'ready') return;
      failures = 0;
      log(`Host ready at ${message.url} — functions: ${message.functions.join(', ') || '(none)'}`);
    });
    child.on('exit', (code, signal) => {
      if (stopping) return;
      failures = Date.now() - startedAt > HEALTHY_RUN_MS ? 1 : failures + 1;
      const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** (failures - 1));
      log(`Host process exited (${signal ?? `code ${code}`}); restarting in ${delay} ms`);
      setTimeout(() => { if (!stopping) launch(); }, delay);
    });
  };
  launch();
  await stopped;
  await services?.stop();
  log('Stopped.');
  return 0;
}
