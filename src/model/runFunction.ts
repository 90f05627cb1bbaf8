import { z } from 'zod';
import { Environment } from './environment';
import { Text } from './fields';
import { strictObject } from './unknownFields';

/**
 * A parallel job's `task`: an entry script — Python, or JavaScript/TypeScript — with `init()` (once
 * per worker process) and `run(mini_batch)` (once per mini-batch). With `append_row_to`, the rows
 * `run()` returns are appended to that output (`append_row`); without it, only a summary is kept
 * (`summary_only`).
 */

/** Entry script file names the worker pool can run (src/parallel/workers/entryScript.ts). */
const ENTRY_SCRIPT_FILE = /\.(py|js|mjs|cjs|ts|mts|cts)$/;
const ENTRY_SCRIPT_KINDS = 'Python (*.py), JavaScript (*.js, *.mjs, *.cjs) or TypeScript (*.ts, *.mts, *.cts)';

const runFunctionFields = {
  type: z.literal('run_function').optional(),
  code: Text.optional(),
  entry_script: Text.regex(ENTRY_SCRIPT_FILE, { error: `the entry script is a ${ENTRY_SCRIPT_KINDS} file defining init() and run(mini_batch)` }),
  /** Arguments passed to the entry script; may use ${{inputs.x}} / ${{outputs.y}}. */
  program_arguments: z.string().optional(),
  model: Text.optional(),
  /** `${{outputs.NAME}}`: where the returned rows go. */
  append_row_to: Text.optional(),
  environment: Environment,
};

export const RunFunction = strictObject(runFunctionFields);
export type RunFunction = z.infer<typeof RunFunction>;

export const NormalizedRunFunction = strictObject({ ...runFunctionFields, type: z.literal('run_function') });
export type NormalizedRunFunction = z.infer<typeof NormalizedRunFunction>;

export const OutputAction = z.enum(['append_row', 'summary_only']);
export type OutputAction = z.infer<typeof OutputAction>;

/** File the appended rows go to when `append_row_to` names a folder output. */
export const DEFAULT_APPEND_ROW_FILE_NAME = 'parallel_run_step.txt';

export function outputActionOf(task: RunFunction): OutputAction {
  return task.append_row_to === undefined ? 'summary_only' : 'append_row';
}

export function normalizeRunFunction(task: RunFunction): NormalizedRunFunction {
  return { ...task, type: 'run_function' };
}
