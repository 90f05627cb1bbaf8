import { provideAzurite, STORAGE_SETTING } from './provideAzurite';
import { COSMOS_ENDPOINT_SETTING, COSMOS_KEY_SETTING, provideCosmos } from './provideCosmos';
import type { ServiceOutcome } from './provided';
import { startAllOrNone } from './startAll';

export interface StartServicesOptions {
  /** App settings: local.settings.json `Values` over the environment. */
  readonly settings: Readonly<Record<string, string | undefined>>;
  /** Azurite keeps its data in `<dataDir>/azurite`. */
  readonly dataDir: string;
  /** One line per service saying what was done; never contains keys. */
  readonly log?: (line: string) => void;
}

export interface LocalServices {
  readonly azurite: ServiceOutcome;
  readonly cosmos: ServiceOutcome;
  /** Stops what this call started; reused instances keep running. */
  stop(): Promise<void>;
}

/**
 * Brings up the local services the app's settings point at (used by `npm start`):
 * Azurite for `AzureWebJobsStorage`, the Cosmos DB emulator for `COSMOS_ENDPOINT`. A setting that
 * points elsewhere is skipped; a healthy instance already on the port is reused; a port held by
 * anything else is a PortInUseError. If one service fails, the other is stopped again.
 */
export async function startServices(options: StartServicesOptions): Promise<LocalServices> {
  const log = options.log ?? ((): void => {});
  const { settings } = options;
  const [azurite, cosmos] = await startAllOrNone([
    () => provideAzurite(settings[STORAGE_SETTING], options.dataDir, log),
    () => provideCosmos(settings[COSMOS_ENDPOINT_SETTING], settings[COSMOS_KEY_SETTING], log),
  ] as const);
  return {
    azurite: azurite.outcome,
    cosmos: cosmos.outcome,
    stop: async () => {
      await Promise.all([azurite.stop(), cosmos.stop()]);
    },
  };
}
