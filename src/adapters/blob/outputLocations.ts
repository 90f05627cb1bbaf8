import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../model/errors';
import type { ArtifactEntry } from '../../ports';
import { safeRelativePath } from './artifactPaths';
import { parseInputUri, type InputUriOptions } from './inputUris';

/**
 * Outputs uploaded to a destination of their own (`outputs.<name>.path`: a blob URL of the account
 * or `azureml://datastores/<ds>/paths/<p>`, resolved exactly as input URIs are) rather than to
 * `<job>/outputs/<name>/`. The destination may hold other data, so nothing there is deleted, and
 * what this job wrote is remembered in the job's system file `outputs/<name>.json` — listing and
 * reading the output go by it.
 */

export const OutputLocation = z.object({
  /** The destination as the job gave it. */
  uri: z.string(),
  container: z.string(),
  /** '' or a folder path ending in "/". */
  prefix: z.string(),
  files: z.array(z.object({ path: z.string(), size: z.int().min(0) })),
});
export type OutputLocation = z.infer<typeof OutputLocation>;

/** The system file (see ArtifactStore.writeSystemFile) of an output's location. */
export function outputLocationFile(output: string): string {
  return `outputs/${output}.json`;
}

/**
 * The container and folder prefix of a destination URI (always a folder). The artifact container
 * itself is refused: jobs must not write over other jobs' artifacts.
 */
export function destinationOf(uri: string, options: InputUriOptions, artifactsContainer: string): { container: string; prefix: string } {
  const location = parseInputUri(uri, options);
  if (location.container === artifactsContainer) {
    throw new ValidationError([{ path: 'uri', message: `${JSON.stringify(uri)} is in container "${artifactsContainer}", the app's own artifact container; give an output a path in another container (datastore)` }], { summary: 'invalid output destination' });
  }
  return { container: location.container, prefix: location.path === '' ? '' : `${location.path}/` };
}

export function missingContainer(output: string, destination: string, container: string): NotFoundError {
  return new NotFoundError(`output ${output}: ${destination} is in container "${container}", which does not exist; create it (or map the datastore to an existing container)`);
}

export function parseOutputLocation(data: Buffer, where: string): OutputLocation {
  const parsed = OutputLocation.safeParse(JSON.parse(data.toString('utf8')));
  if (!parsed.success) throw new Error(`${where}: not an output location record: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** The blob name of `path` of an output at `location`; undefined when the job wrote no such file. */
export function locatedBlob(location: OutputLocation, path: string): string | undefined {
  const relative = safeRelativePath(path, 'path');
  return location.files.some((file) => file.path === relative) ? location.prefix + relative : undefined;
}

export function entriesOf(location: OutputLocation): ArtifactEntry[] {
  return location.files.map((file) => ({ path: file.path, size: file.size }));
}
