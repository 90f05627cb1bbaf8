import { MemoryArtifactStore } from '../../src/adapters/memory/memoryArtifactStore';
import { describeArtifactStoreConformance } from './artifactStoreConformance';

describeArtifactStoreConformance('in-memory fake', async (options) => {
  const store = new MemoryArtifactStore(options);
  return {
    store,
    twin: () => store,
    putBlob: async (container, name, data) => store.putBlob(container, name, data),
    dispose: async () => {},
  };
});
