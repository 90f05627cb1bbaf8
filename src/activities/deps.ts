import type { SecretBox } from '../jobs/secretBox';
import type { ArtifactStore, Clock, ComputeTarget, JobStore } from '../ports';

/** What the job activities are built from (`createActivities(deps)`). */

/** The configured computes (a ComputeRegistry). */
export interface ComputeLookup {
  /** The target for a job's `compute` (`NAME` or `azureml:NAME`); ValidationError listing the configured ones otherwise. */
  resolve(compute: string): ComputeTarget;
  readonly names: readonly string[];
}

export interface ActivitySettings {
  /** Jobs' local folders, `<workRoot>/<job>/{code,inputs,outputs}`; the local compute runs only inside it. */
  readonly workRoot: string;
  /** Local `code` and input paths resolve against this folder and must stay inside it. */
  readonly dataRoot: string;
  /** How many jobs may run at once on a compute. */
  concurrencyLimit(compute: string): number;
}

export interface ActivityDeps {
  readonly jobs: JobStore;
  readonly artifacts: ArtifactStore;
  readonly computes: ComputeLookup;
  readonly clock: Clock;
  readonly settings: ActivitySettings;
  /** Opens sealed environment variables for the compute; undefined when no JOB_SECRETS_KEY is set. */
  readonly secrets: SecretBox | undefined;
}
