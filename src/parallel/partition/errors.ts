import { ValidationError, type ValidationIssue } from '../../model/errors';

/**
 * The data of `input_data` (or `mini_batch_size` for it) cannot be split: missing, empty, escaping
 * its folder, malformed rows, an MLTable this runner cannot read. A ValidationError, because the
 * same data will fail the same way again; each issue names the field, the file and line when known,
 * and what would be accepted.
 */
export function inputDataError(issues: readonly ValidationIssue[], cause?: unknown): ValidationError {
  return new ValidationError(byPosition(issues), { summary: 'input_data cannot be split into mini-batches', cause });
}

/** Issues by file, then line and column (stable for issues without a position). */
function byPosition(issues: readonly ValidationIssue[]): ValidationIssue[] {
  return [...issues].sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}

/** A problem with the data itself, at `file` (relative to the input) and `line` when known. */
export function dataProblem(message: string, where: { file?: string; line?: number } = {}, cause?: unknown): ValidationError {
  return inputDataError([{ path: 'input_data', message, ...where }], cause);
}

/** `mini_batch_size` does not suit this kind of input. */
export function sizeProblem(message: string): ValidationError {
  return inputDataError([{ path: 'mini_batch_size', message }]);
}
