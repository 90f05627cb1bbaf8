// What test/setup/services.ts provides to every test file: `inject('storageConnectionString')` …
// The same values are in the environment as DJ_TEST_STORAGE, DJ_TEST_COSMOS_ENDPOINT, DJ_TEST_COSMOS_KEY.
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Azurite (devstoreaccount1) with explicit blob/queue/table endpoints on 127.0.0.1. */
    storageConnectionString: string;
    /** The Cosmos DB emulator, e.g. https://127.0.0.1:41234/ */
    cosmosEndpoint: string;
    cosmosKey: string;
  }
}
