import { existsSync } from 'node:fs';
import path from 'node:path';
import { supervise } from '../../host/supervisor/supervisor';
import { runWorker } from '../../host/supervisor/worker';
import { ensureLocalSettings } from '../../host/supervisor/appSettings';
import type { CliCommand, CliContext } from '../context';
import { packageRoot } from '../packageRoot';

interface HostOptions {
  app: string;
  port: string;
  hostname: string;
  services: boolean;
  supervise: boolean;
  dataDir?: string;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be an integer from 0 to 65535, got "${value}"`);
  return port;
}

/** Runs an app directory: the supervisor by default, or the host itself with --no-supervise. */
export async function runHost(options: HostOptions, context: CliContext): Promise<number> {
  const appDir = path.resolve(options.app);
  if (!existsSync(path.join(appDir, 'package.json'))) {
    throw new Error(`${appDir} has no package.json: --app must point at an Azure Functions Node app directory.`);
  }
  const port = parsePort(options.port);
  if (!options.supervise) {
    await runWorker({ appDir, port, hostname: options.hostname });
    return 0;
  }
  const created = ensureLocalSettings(appDir);
  const log = (line: string): void => context.io.out(`[durable-jobs] ${line}\n`);
  if (created) log(`Created ${created} from local.settings.sample.json`);
  return supervise({
    appDir, port, hostname: options.hostname, services: options.services, log,
    dataDir: path.resolve(options.dataDir ?? path.join(appDir, '.data')),
  });
}

function register(name: string, description: string, defaultApp: () => string): CliCommand {
  return {
    register(program, context) {
      program
        .command(name)
        .description(description)
        .option('--app <dir>', 'the function app directory', defaultApp())
        .option('--port <n>', 'HTTP port (0 picks a free one)', '7071')
        .option('--hostname <host>', 'interface to listen on', '127.0.0.1')
        .option('--data-dir <dir>', 'where Azurite keeps its data (default <app>/.data)')
        .option('--no-services', 'do not start Azurite or the Cosmos DB emulator')
        .option('--no-supervise', 'run the host in this process, without services or restarts')
        .action(async (options: HostOptions) => context.setExitCode(await runHost(options, context)));
    },
  };
}

/** `durable-jobs host --app <dir>`: runs any Azure Functions v4 Node app on this machine. */
export const hostCommand = register('host', 'run an Azure Functions v4 Node app locally (HTTP, queues, timers, Durable Functions)', () => '.');

/** `durable-jobs start` (what `npm start` runs): this project's own function app. */
export const startCommand = register('start', 'run durable-jobs itself with its local services', () => packageRoot());
