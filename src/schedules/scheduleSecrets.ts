import { ValidationError } from '../model/errors';
import { redactVariables } from '../jobs/jobSecrets';
import { SecretBox } from '../jobs/secretBox';
import { secretWordIn } from '../jobs/secretNames';
import type { NormalizedSchedule } from './model/scheduleSpec';

/**
 * The secrets rule for schedules: secret-looking `environment_variables` of `create_job` are
 * sealed before the schedule is stored (bound to the schedule, `schedule:<name>`), opened only
 * when a tick submits the job — whose submission seals them again, for that job.
 */

type Variables = Record<string, string>;

const ownerOf = (schedule: string) => `schedule:${schedule}`;

function variablesOf(schedule: NormalizedSchedule): Variables | undefined {
  const variables = schedule.create_job['environment_variables'];
  return variables !== null && typeof variables === 'object' ? (variables as Variables) : undefined;
}

function withVariables(schedule: NormalizedSchedule, variables: Variables): NormalizedSchedule {
  return { ...schedule, create_job: { ...schedule.create_job, environment_variables: variables } };
}

/** ValidationError when there are secrets but no JOB_SECRETS_KEY. */
export function sealScheduleSecrets(schedule: NormalizedSchedule, box: SecretBox | undefined): NormalizedSchedule {
  const variables = variablesOf(schedule);
  const secret = Object.keys(variables ?? {}).filter((name) => secretWordIn(name) !== undefined);
  if (variables === undefined || secret.length === 0) return schedule;
  if (box === undefined) {
    throw new ValidationError(secret.map((name) => ({
      path: `create_job.environment_variables.${name}`,
      message: `looks like a secret (its name has "${secretWordIn(name)}"), and secrets are stored encrypted, but this app has no JOB_SECRETS_KEY setting; ask its operator to set one`,
    })), { summary: 'the schedule has secret environment variables this app cannot store' });
  }
  return withVariables(schedule, Object.fromEntries(Object.entries(variables).map(([name, value]) => [
    name, secret.includes(name) && !SecretBox.isSealed(value) ? box.seal(ownerOf(schedule.name), name, value) : value,
  ])));
}

/** The job spec with its secret values in plain text, to submit. */
export function openCreateJob(schedule: NormalizedSchedule, box: SecretBox | undefined): Record<string, unknown> {
  const variables = variablesOf(schedule);
  if (variables === undefined) return schedule.create_job;
  const open = Object.fromEntries(Object.entries(variables).map(([name, value]) => {
    if (!SecretBox.isSealed(value)) return [name, value];
    if (box === undefined) throw new ValidationError([{ path: `create_job.environment_variables.${name}`, message: 'is encrypted, but this app has no JOB_SECRETS_KEY setting' }], { summary: 'cannot submit the schedule\'s job' });
    return [name, box.open(ownerOf(schedule.name), name, value)];
  }));
  return { ...schedule.create_job, environment_variables: open };
}

/** The schedule as shown to users: sealed and secret-named values as `***`. */
export function redactScheduleSecrets(schedule: NormalizedSchedule): NormalizedSchedule {
  const variables = variablesOf(schedule);
  return variables === undefined ? schedule : withVariables(schedule, redactVariables(variables));
}
