/** Parallel jobs: splitting `input_data` into mini-batches, and reading one mini-batch back. */
export {
  itemCount, itemsInBatch, MiniBatchManifest, miniBatchCount, parseManifest, RowBatch, RowSource, serializeManifest,
} from './manifest';
export { partitionInput, type PartitionInput, type PartitionInputType } from './partition';
export { readMiniBatch } from './readMiniBatch';
