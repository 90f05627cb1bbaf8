export { LocalComputeTarget } from './localComputeTarget';
export { DEFAULT_RUNS_DIR, type LocalComputeOptions } from './options';
export type { LogSink } from './logShipper';
