import { z } from 'zod';
import { Environment } from './environment';
import { Text } from './fields';
import { strictObject } from './unknownFields';

/**
 * A parallel job's `task`: a Python entry script with `init()` (once per worker process) and
 * `run(mini_batch)` (once per mini-batch). With `append_row_to`, the rows `run()` returns are
 * appended to that output (`append_row`); without it, only a summary is kept (`summary_only`).
 */

const runFunctionFields = {
  type: z.literal('run_function').optional(),
  code: Text.optional(),
  entry_script: Text.regex(/\.py$/, { error: 'the entry script is a Python file (*.py) defining init() and run(mini_batch)' }),
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
