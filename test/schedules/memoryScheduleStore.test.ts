import { MemoryScheduleStore } from '../../src/adapters/memory/memoryScheduleStore';
import { describeScheduleStoreConformance } from './scheduleStoreConformance';

describeScheduleStoreConformance('in-memory fake', async (options) => {
  const store = new MemoryScheduleStore(options);
  return { store, putRawDocument: async (document) => store.putRawDocument(document), dispose: async () => {} };
});
