import { z } from 'zod';
import { checkTemplate } from './bindings';
import { Distribution, normalizeDistribution } from './distribution';
import { Environment } from './environment';
import { Text } from './fields';
import { normalizeIdentity } from './identity';
import { normalizeInput } from './inputs';
import { commonJobFields, declaredPorts, DEFAULT_COMPUTE, normalizedCommonJobFields } from './jobCommon';
import { mapValues, withoutUndefined } from './objects';
import { normalizeOutput } from './outputs';
import { Limits, normalizeResources, QueueSettings } from './resources';
import { Services } from './services';
import { strictObject } from './unknownFields';

/** A command job: one command run in an environment, with inputs and outputs bound into it. */

const commandJobFields = {
  ...commonJobFields,
  /** Optional in YAML: Azure ML treats a job without `type` as a command job. */
  type: z.literal('command').optional(),
  command: Text,
  /** Local directory (or `azureml:` asset) uploaded as the working directory. */
  code: Text.optional(),
  environment: Environment,
  distribution: Distribution.optional(),
  limits: Limits.optional(),
  services: Services.optional(),
  queue_settings: QueueSettings.optional(),
};

/** A command job as users write it (YAML or JSON). */
export const CommandJob = strictObject(commandJobFields).superRefine((job, ctx) => {
  for (const message of checkTemplate(job.command, declaredPorts(job))) {
    ctx.addIssue({ code: 'custom', path: ['command'], message });
  }
});
export type CommandJob = z.infer<typeof CommandJob>;

/** A command job after Azure ML defaults: name, compute, input/output types and modes are filled in. */
export const NormalizedCommandJob = strictObject({
  ...commandJobFields,
  ...normalizedCommonJobFields,
  type: z.literal('command'),
});
export type NormalizedCommandJob = z.infer<typeof NormalizedCommandJob>;

export function normalizeCommandJob(job: CommandJob, name: string): NormalizedCommandJob {
  const resources = normalizeResources(job.resources);
  return withoutUndefined({
    $schema: job.$schema,
    type: 'command',
    name,
    display_name: job.display_name,
    experiment_name: job.experiment_name,
    description: job.description,
    tags: job.tags,
    properties: job.properties,
    compute: job.compute ?? DEFAULT_COMPUTE,
    command: job.command,
    code: job.code,
    environment: job.environment,
    environment_variables: job.environment_variables,
    inputs: mapValues(job.inputs ?? {}, normalizeInput),
    outputs: mapValues(job.outputs ?? {}, normalizeOutput),
    resources,
    distribution: job.distribution && normalizeDistribution(job.distribution, resources.instance_count),
    limits: job.limits,
    identity: job.identity && normalizeIdentity(job.identity),
    services: job.services,
    queue_settings: job.queue_settings,
  });
}
