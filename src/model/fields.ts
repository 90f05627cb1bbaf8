import { z } from 'zod';
import { EnvironmentVariableName } from './names';

/** Small field schemas shared by both job types. */

/** A non-empty string (paths, commands, names of things). */
export const Text = z.string().min(1, { error: 'must not be empty' });

/** A literal value as YAML writes it. */
export const Literal = z.union([z.string(), z.number(), z.boolean()], {
  error: 'expected a string, number or boolean',
});
export type Literal = z.infer<typeof Literal>;

/** `tags` and `properties`: string → string, as Azure ML stores them. */
export const StringMap = z.record(z.string(), z.string());
export type StringMap = z.infer<typeof StringMap>;

/** `environment_variables`: valid names, string values (quote numbers: `PORT: "8080"`). */
export const EnvironmentVariables = z.record(EnvironmentVariableName, z.string());
export type EnvironmentVariables = z.infer<typeof EnvironmentVariables>;

/** A count of at least one (instances, processes, workers). */
export const PositiveInt = z.int().min(1);

/** An asset version: YAML users write `version: 1` as often as `version: "1"`; kept as written. */
export const AssetVersion = z.union([z.string().min(1), z.int()], { error: 'expected a version string or integer' });
export type AssetVersion = z.infer<typeof AssetVersion>;
