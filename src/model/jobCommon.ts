import { z } from 'zod';
import type { DeclaredPorts } from './bindings';
import { EnvironmentVariables, StringMap, Text } from './fields';
import { Identity } from './identity';
import { isOptionalInput, JobInput, NormalizedInput } from './inputs';
import { JobName, PortName } from './names';
import { JobOutput, NormalizedOutput } from './outputs';
import { NormalizedResources, Resources } from './resources';

/** Fields both job types share, as written and after normalization. */

export const DEFAULT_COMPUTE = 'local';

export const commonJobFields = {
  $schema: z.string().optional(),
  /** Unique job name; generated (`sincere_river_4fdk2l9gqp`) when absent. */
  name: JobName.optional(),
  display_name: z.string().optional(),
  experiment_name: Text.optional(),
  description: z.string().optional(),
  tags: StringMap.optional(),
  properties: StringMap.optional(),
  /** `local`, a compute name, or `azureml:NAME`. */
  compute: Text.optional(),
  identity: Identity.optional(),
  inputs: z.record(PortName, JobInput).optional(),
  outputs: z.record(PortName, JobOutput).optional(),
  environment_variables: EnvironmentVariables.optional(),
  resources: Resources.optional(),
};

export const normalizedCommonJobFields = {
  ...commonJobFields,
  name: JobName,
  compute: Text,
  inputs: z.record(PortName, NormalizedInput),
  outputs: z.record(PortName, NormalizedOutput),
  resources: NormalizedResources,
};

/** The input and output names a job's templates may refer to. */
export function declaredPorts(job: {
  readonly inputs?: Readonly<Record<string, JobInput | NormalizedInput>> | undefined;
  readonly outputs?: Readonly<Record<string, unknown>> | undefined;
}): DeclaredPorts {
  const inputs = Object.entries(job.inputs ?? {});
  return {
    inputs: inputs.map(([name]) => name),
    optionalInputs: inputs.filter(([, input]) => isOptionalInput(input)).map(([name]) => name),
    outputs: Object.keys(job.outputs ?? {}),
  };
}
