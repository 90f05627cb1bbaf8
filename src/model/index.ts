/** The pure job model: schemas, defaults, bindings, statuses, records and YAML. No I/O. */

export { ConflictError, formatIssue, InvalidTransitionError, NonRetryableError, NotFoundError, ValidationError, type ValidationIssue } from './errors';

export { generateJobName, JobName, PortName, type RandomSource } from './names';
export { DataInputType, InputMode, InputSpec, InputType, isDataInputType, isOptionalInput, JobInput, NormalizedInput, normalizeInput, PrimitiveInputType } from './inputs';
export { JobOutput, NormalizedOutput, normalizeOutput, OutputMode, OutputSpec, OutputType } from './outputs';
export { Environment, type EnvironmentRef, InlineEnvironment, parseEnvironmentRef } from './environment';
export { Limits, NormalizedResources, QueueSettings, Resources } from './resources';
export { Identity } from './identity';
export { JobService, Services } from './services';
export { Distribution } from './distribution';
export { formatMiniBatchSize, MiniBatchSize, parseMiniBatchSize } from './miniBatchSize';
export { DEFAULT_APPEND_ROW_FILE_NAME, NormalizedRunFunction, OutputAction, RunFunction } from './runFunction';
export { CommandJob, NormalizedCommandJob } from './commandJob';
export { LoggingLevel, NormalizedParallelJob, ParallelJob, PARALLEL_DEFAULTS, RetrySettings } from './parallelJob';
export { JOB_TYPES, JobSpec, type JobType, NormalizedJob, normalizeJob, type NormalizeOptions } from './jobSpec';
export { checkJob, type JobCheck, parseJob } from './parseJob';
export { formatPath, type SpecIssue, toValidationIssues } from './specIssues';
export { checkJobYaml, type JobYamlCheck, parseJobYaml, toYaml } from './yaml';

export { type BindingRef, parseSingleRef, parseTemplate, type TemplatePart } from './template';
export { type BindingValue, type BindingValues, checkTemplate, type DeclaredPorts, expandCommand, formatBindingValue } from './bindings';
export { quoteInsideDoubleQuotes, quoteInsideSingleQuotes, shellJoin, shellQuote } from './shellQuote';

export { assertTransition, canTransition, isTerminal, JOB_STATUSES, JobStatus, TERMINAL_STATUSES, TRANSITIONS } from './status';
export { DEFAULT_EXPERIMENT_NAME, JobError, JobRecord, newJobRecord, ParallelProgress, StatusChange, studioUrlFor, withStatus, type StatusChangeOptions } from './jobRecord';
export { isRedrive, REDRIVE_STATUS_REASON, redriveProblem, withRedrive } from './redrive';
