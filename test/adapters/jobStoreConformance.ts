import { afterEach, describe } from 'vitest';
import type { JobStore } from '../../src/ports';
import { describeConcurrency } from './jobStoreConformance/concurrency';
import { describeCreate } from './jobStoreConformance/create';
import { describeListing } from './jobStoreConformance/listing';
import { describeRejected } from './jobStoreConformance/rejected';
import { describeTransitions } from './jobStoreConformance/transitions';

/**
 * The JobStore contract (src/ports.ts) as tests, run against every adapter: Cosmos DB on the
 * emulator and the in-memory fake. Each test opens a fresh, empty store.
 */

export interface JobStoreHarness {
  readonly store: JobStore;
  /** Writes a job document as given, past the store's checks (to play a corrupted record). */
  putRawDocument(document: Record<string, unknown> & { id: string }): Promise<void>;
  dispose(): Promise<void>;
}

export interface StoreOptions {
  readonly maxAttempts?: number;
}

export type OpenStore = (options?: StoreOptions) => Promise<JobStoreHarness>;

export function describeJobStoreConformance(name: string, makeStore: OpenStore): void {
  describe(`JobStore conformance: ${name}`, () => {
    const opened: JobStoreHarness[] = [];
    const open: OpenStore = async (options) => {
      const harness = await makeStore(options);
      opened.push(harness);
      await harness.store.init();
      return harness;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((harness) => harness.dispose()));
    });

    describeCreate(open);
    describeTransitions(open);
    describeConcurrency(open);
    describeListing(open);
    describeRejected(open);
  });
}
