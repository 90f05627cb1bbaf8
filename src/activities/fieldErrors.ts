import { NotFoundError, ValidationError } from '../model';

/**
 * Runs `work` on behalf of one field of the job (`inputs.x.path`, `outputs.y.path`): a
 * ValidationError it throws is re-issued under that field, and a NotFoundError becomes a
 * ValidationError there — both are the job's mistakes, not failures worth retrying.
 */
export async function asFieldProblem<T>(field: string, summary: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ValidationError) throw new ValidationError(err.issues.map((issue) => ({ ...issue, path: field })), { summary, cause: err });
    if (err instanceof NotFoundError) throw new ValidationError([{ path: field, message: err.message }], { summary, cause: err });
    throw err;
  }
}
