import { z } from 'zod';
import { AssetVersion, Text } from './fields';
import { strictObject } from './unknownFields';

/**
 * `environment`: a reference to a registered environment, or an inline definition.
 * References: `azureml:NAME:VERSION`, `azureml:NAME@latest`, `NAME:VERSION`, `NAME@latest`,
 * `azureml://registries/REGISTRY/environments/NAME/versions/VERSION` or `…/labels/latest`.
 */

const NAME = '[A-Za-z0-9][A-Za-z0-9._-]*';
const VERSION = '[A-Za-z0-9][A-Za-z0-9._-]*';
const WORKSPACE_REF = new RegExp(`^(${NAME})(?::(${VERSION})|@(latest))$`);
const WORKSPACE_PREFIX = 'azureml:';
const REGISTRY_REF = new RegExp(`^azureml://registries/(${NAME})/environments/(${NAME})/(?:versions/(${VERSION})|labels/(latest))$`);

export const ENVIRONMENT_REFERENCE_FORMS = [
  '[azureml:]NAME:VERSION',
  '[azureml:]NAME@latest',
  'azureml://registries/REGISTRY/environments/NAME/versions/VERSION (or …/labels/latest)',
] as const;

/** A parsed environment reference. */
export type EnvironmentRef =
  | { readonly registry?: string; readonly name: string; readonly version: string }
  | { readonly registry?: string; readonly name: string; readonly label: 'latest' };

/** Parses an environment reference; undefined if it is not one of the accepted forms. */
export function parseEnvironmentRef(reference: string): EnvironmentRef | undefined {
  const registry = REGISTRY_REF.exec(reference);
  if (registry) {
    const [, registryName = '', name = '', version, label] = registry;
    return version !== undefined ? { registry: registryName, name, version } : { registry: registryName, name, label: label as 'latest' };
  }
  // Strip the prefix first: in `azureml:NAME`, "azureml" must not pass for a name and NAME for a version.
  const workspace = WORKSPACE_REF.exec(reference.startsWith(WORKSPACE_PREFIX) ? reference.slice(WORKSPACE_PREFIX.length) : reference);
  if (workspace) {
    const [, name = '', version, label] = workspace;
    return version !== undefined ? { name, version } : { name, label: label as 'latest' };
  }
  return undefined;
}

export const EnvironmentReference = z.string().refine((value) => parseEnvironmentRef(value) !== undefined, {
  error: (issue) =>
    `"${String(issue.input)}" is not an environment reference; expected ${ENVIRONMENT_REFERENCE_FORMS.join(', ')}, or an inline mapping with image and conda_file`,
});

export const DockerBuild = strictObject({
  /** Docker build context: a local directory or a URL. */
  path: Text,
  dockerfile_path: Text.optional(),
});
export type DockerBuild = z.infer<typeof DockerBuild>;

export const InlineEnvironment = strictObject({
  image: Text.optional(),
  conda_file: Text.optional(),
  build: DockerBuild.optional(),
  name: Text.optional(),
  version: AssetVersion.optional(),
  description: z.string().optional(),
}).superRefine((environment, ctx) => {
  if (environment.image === undefined && environment.build === undefined) {
    ctx.addIssue({ code: 'custom', path: ['image'], message: 'an inline environment needs "image" (a Docker image) or "build" (a Docker build context)', params: { at: 'parent' } });
  }
  if (environment.image !== undefined && environment.build !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['build'], message: '"image" and "build" are alternatives; give one of them', params: { at: 'key' } });
  }
  if (environment.conda_file !== undefined && environment.image === undefined) {
    ctx.addIssue({ code: 'custom', path: ['conda_file'], message: '"conda_file" applies on top of "image"; with "build", install packages in the Dockerfile', params: { at: 'key' } });
  }
});
export type InlineEnvironment = z.infer<typeof InlineEnvironment>;

export const Environment = z.union([EnvironmentReference, InlineEnvironment], {
  error: 'expected an environment reference such as azureml:NAME:VERSION, or an inline mapping with image and conda_file',
});
export type Environment = z.infer<typeof Environment>;
