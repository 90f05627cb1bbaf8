export { LocalComputeTarget, DEFAULT_RUNS_DIR, type LocalComputeOptions, type LogSink } from './local';
export { ComputeRegistry, computeNamesFromSetting, COMPUTE_TARGETS_SETTING } from './registry';
