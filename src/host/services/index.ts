export { startAzurite, azuriteConnectionString, type AzuriteOptions, type AzuriteHandle } from './azurite';
export {
  startCosmosEmulator,
  COSMOS_EMULATOR_KEY,
  COSMOS_EMULATOR_PORT,
  type CosmosEmulatorOptions,
  type CosmosEmulatorHandle,
} from './cosmosEmulator';
export { PortInUseError, ServiceStartError } from './errors';
export { findFreePort, isListening, LOCAL_HOST } from './ports';
export { probeCosmos, probeStorage, probeStorageService, type StorageService } from './probes';
export type { ServiceOutcome } from './provided';
export { startServices, type LocalServices, type StartServicesOptions } from './startServices';
export type { ExitInfo } from './serviceProcess';
