import { MemoryJobStore } from '../../src/adapters/memory/memoryJobStore';
import { describeJobStoreConformance } from './jobStoreConformance';

describeJobStoreConformance('in-memory fake', async (options) => {
  const store = new MemoryJobStore(options);
  return {
    store,
    putRawDocument: async (document) => store.putRawDocument(document),
    dispose: async () => {},
  };
});
