import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe } from 'vitest';
import type { ArtifactStore } from '../../src/ports';
import { describeFolders } from './artifactStoreConformance/folders';
import { describeInputs } from './artifactStoreConformance/inputs';
import { describeLogs } from './artifactStoreConformance/logs';
import { describeOutputDestinations } from './artifactStoreConformance/outputDestinations';
import { describeSystemFiles } from './artifactStoreConformance/systemFiles';

/**
 * The ArtifactStore contract (src/ports.ts) as tests, run against every adapter: Blob Storage on
 * Azurite and the in-memory fake. Each test opens a fresh store with its own container.
 */

export interface ArtifactStoreHarness {
  readonly store: ArtifactStore;
  /** Another store instance on the same storage, like a second host process. */
  twin(): ArtifactStore;
  /** Puts a blob into `container` of the store's account (a datastore); returns the blob's URL. */
  putBlob(container: string, name: string, data: Buffer): Promise<string>;
  dispose(): Promise<void>;
}

export interface ArtifactStoreOptions {
  readonly datastores?: Readonly<Record<string, string>>;
}

export type OpenArtifactStore = (options?: ArtifactStoreOptions) => Promise<ArtifactStoreHarness>;

export interface Fixtures {
  open: OpenArtifactStore;
  /** A fresh temporary folder, removed after the test. */
  tempDir(): Promise<string>;
}

export function describeArtifactStoreConformance(name: string, makeStore: OpenArtifactStore): void {
  describe(`ArtifactStore conformance: ${name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    const fixtures: Fixtures = {
      open: async (options) => {
        const harness = await makeStore(options);
        cleanups.push(() => harness.dispose());
        await harness.store.init();
        return harness;
      },
      tempDir: async () => {
        const dir = await mkdtemp(join(tmpdir(), 'dj-artifacts-'));
        cleanups.push(() => rm(dir, { recursive: true, force: true }));
        return dir;
      },
    };
    afterEach(async () => {
      await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
    });

    describeLogs(fixtures);
    describeFolders(fixtures);
    describeInputs(fixtures);
    describeOutputDestinations(fixtures);
    describeSystemFiles(fixtures);
  });
}
