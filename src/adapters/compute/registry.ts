import { ValidationError } from '../../model/errors';
import { didYouMean, listOf } from '../../model/suggest';
import type { ComputeTarget } from '../../ports';

/** The app setting that lists the configured computes, e.g. `COMPUTE_TARGETS=local,gpu-box`. */
export const COMPUTE_TARGETS_SETTING = 'COMPUTE_TARGETS';

const COMPUTE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * The compute names declared by the app setting: comma-separated, blanks ignored, `local` when the
 * setting is unset or empty. ValidationError (path COMPUTE_TARGETS) for a malformed or repeated name.
 */
export function computeNamesFromSetting(setting: string | undefined): string[] {
  const names = (setting ?? '').split(',').map((name) => name.trim()).filter((name) => name !== '');
  if (names.length === 0) return ['local'];
  const problems = names.flatMap((name, index) => {
    if (!COMPUTE_NAME.test(name)) return [`"${name}" is not a compute name (letters, digits, "_" and "-", starting with a letter or digit, at most 64 characters)`];
    if (names.indexOf(name) !== index) return [`"${name}" is listed twice`];
    return [];
  });
  if (problems.length > 0) {
    throw new ValidationError(problems.map((message) => ({ path: COMPUTE_TARGETS_SETTING, message })), { summary: `app setting ${COMPUTE_TARGETS_SETTING} is invalid` });
  }
  return names;
}

/**
 * Compute targets by name. Jobs name their compute as `NAME` or `azureml:NAME` (the default is
 * `local`); a name that is not configured is the job's mistake, reported with the configured ones.
 */
export class ComputeRegistry {
  private readonly targets = new Map<string, ComputeTarget>();

  constructor(targets: Iterable<ComputeTarget>) {
    for (const target of targets) {
      if (this.targets.has(target.name)) throw new Error(`ComputeRegistry: two compute targets are named "${target.name}"`);
      this.targets.set(target.name, target);
    }
  }

  /** Builds one target per name of the COMPUTE_TARGETS setting with `create`. */
  static fromSetting(setting: string | undefined, create: (name: string) => ComputeTarget): ComputeRegistry {
    return new ComputeRegistry(computeNamesFromSetting(setting).map(create));
  }

  get names(): string[] {
    return [...this.targets.keys()];
  }

  /** The target for a job's `compute` field; ValidationError (path `compute`) when it is not configured. */
  resolve(compute: string): ComputeTarget {
    const name = compute.startsWith('azureml:') ? compute.slice('azureml:'.length) : compute;
    const target = this.targets.get(name);
    if (target) return target;
    const configured = this.names.length > 0 ? listOf(this.names) : 'none';
    throw new ValidationError([{
      path: 'compute',
      message: `compute "${name}" is not configured${didYouMean(name, this.names)} (configured: ${configured}; app setting ${COMPUTE_TARGETS_SETTING})`,
    }], { summary: 'unknown compute' });
  }
}
