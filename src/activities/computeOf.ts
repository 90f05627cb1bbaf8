import { NonRetryableError, ValidationError } from '../model';
import type { ComputeTarget } from '../ports';
import type { ComputeLookup } from './deps';

/** The compute a run was started on; NonRetryableError when this app no longer configures it. */
export function computeOf(computes: ComputeLookup, name: string, job: string): ComputeTarget {
  try {
    return computes.resolve(name);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    throw new NonRetryableError(`job ${job}: its run is on compute "${name}", which this app no longer configures (configured: ${computes.names.join(', ') || 'none'})`, { cause: err });
  }
}
