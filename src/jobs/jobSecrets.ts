import { NonRetryableError, ValidationError, type NormalizedJob, type ValidationIssue } from '../model';
import { SecretBox } from './secretBox';
import { REDACTED, secretWordIn } from './secretNames';

/**
 * The secrets rule: values of `environment_variables` whose names look secret (secretNames.ts)
 * are sealed (secretBox.ts) before the job record is written, so Cosmos DB, the API, the YAML
 * dump and the orchestration history only ever hold ciphertext or `***`. The one place that opens
 * them is the activity that hands the environment to the compute.
 */

type Variables = Readonly<Record<string, string>>;

/** The job with its secret values sealed. ValidationError when it has secrets but no key is configured. */
export function sealSecrets(job: NormalizedJob, box: SecretBox | undefined): NormalizedJob {
  const variables = job.environment_variables;
  if (variables === undefined) return job;
  const secret = Object.keys(variables).filter((name) => secretWordIn(name) !== undefined);
  if (secret.length === 0) return job;
  if (box === undefined) {
    const issues: ValidationIssue[] = secret.map((name) => ({
      path: `environment_variables.${name}`,
      message: `looks like a secret (its name has "${secretWordIn(name)}"), and secrets are stored encrypted, but this app has no JOB_SECRETS_KEY setting; ` +
        'ask its operator to set one (32 random bytes in base64: openssl rand -base64 32), or pass the value another way',
    }));
    throw new ValidationError(issues, { summary: 'the job has secret environment variables this app cannot store' });
  }
  const sealed = Object.fromEntries(Object.entries(variables).map(([name, value]) => [
    name, secret.includes(name) && !SecretBox.isSealed(value) ? box.seal(job.name, name, value) : value,
  ]));
  return { ...job, environment_variables: sealed };
}

/** The variables in plain text, for the compute only. */
export function openSecrets(job: NormalizedJob, box: SecretBox | undefined): Record<string, string> {
  const variables: Variables = job.environment_variables ?? {};
  return Object.fromEntries(Object.entries(variables).map(([name, value]) => {
    if (!SecretBox.isSealed(value)) return [name, value];
    if (box === undefined) throw new NonRetryableError(`job ${job.name}: environment variable ${name} is encrypted, but this app has no JOB_SECRETS_KEY setting`);
    return [name, box.open(job.name, name, value)];
  }));
}

/** The job as shown to users: sealed (and secret-named) values as `***`. */
export function redactSecrets<T extends { environment_variables?: Variables | undefined }>(job: T): T {
  const variables = job.environment_variables;
  if (variables === undefined) return job;
  return { ...job, environment_variables: redactVariables(variables) };
}

export function redactVariables(variables: Variables): Record<string, string> {
  return Object.fromEntries(Object.entries(variables).map(([name, value]) => [
    name, SecretBox.isSealed(value) || secretWordIn(name) !== undefined ? REDACTED : value,
  ]));
}
