import { ValidationError } from '../../model/errors';
import { safeRelativePath } from './artifactPaths';

/**
 * Where an input URI points in blob storage. Accepted:
 * - `http(s)://<blob endpoint of the configured account>/<container>/<path>` (Azurite is
 *   path-style: `http://127.0.0.1:10000/devstoreaccount1/<container>/<path>`);
 * - `azureml://datastores/<name>/paths/<path>`, also in the long form
 *   `azureml://subscriptions/…/resourcegroups/…/workspaces/…/datastores/<name>/paths/<path>`.
 *   A datastore is a container of the configured account: the one named in `datastores`, else
 *   the container with the datastore's own name (`workspaceblobstore` → container
 *   `workspaceblobstore`).
 * Blobs of other accounts are refused: our credentials must never be sent elsewhere.
 */

export interface BlobLocation {
  readonly container: string;
  /** Normalized path inside the container; '' for the whole container. */
  readonly path: string;
  /** The URI ended in "/" (or named a whole container): a folder, never a single blob. */
  readonly folderOnly: boolean;
}

export interface InputUriOptions {
  /** The account's blob endpoint (`BlobServiceClient.url`). */
  readonly accountUrl: string;
  /** Datastore name → container name, for datastores whose name is not a valid container name. */
  readonly datastores?: Readonly<Record<string, string>>;
}

const AZUREML = /^azureml:\/\/(?:subscriptions\/[^/]+\/resourcegroups\/[^/]+\/workspaces\/[^/]+\/)?datastores\/([^/]+)\/paths\/(.*)$/i;
const CONTAINER_NAME = /^(?=.{3,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function parseInputUri(uri: string, options: InputUriOptions): BlobLocation {
  const azureml = AZUREML.exec(uri);
  if (azureml !== null) {
    const [, datastore = '', path = ''] = azureml;
    const container = options.datastores?.[datastore] ?? datastore;
    if (!CONTAINER_NAME.test(container)) {
      throw invalid(uri, `datastore "${datastore}" maps to container "${container}", which is not a valid container name (3-63 lowercase letters, digits and single hyphens); map it to a container in the datastores option`);
    }
    return location(uri, container, path);
  }
  const url = parseUrl(uri);
  const account = new URL(options.accountUrl.replace(/\/*$/, '/'));
  if (url.origin !== account.origin || !url.pathname.startsWith(account.pathname)) {
    throw invalid(uri, `is not in the configured storage account; expected ${account.href}<container>/<path> or azureml://datastores/<name>/paths/<path>`);
  }
  const [container = '', ...segments] = url.pathname.slice(account.pathname.length).split('/');
  return location(uri, decode(uri, container), segments.map((segment) => decode(uri, segment)).join('/'));
}

function location(uri: string, container: string, path: string): BlobLocation {
  if (!CONTAINER_NAME.test(container)) throw invalid(uri, `names container "${container}", which is not a valid container name`);
  if (path === '' || path === '/') return { container, path: '', folderOnly: true };
  try {
    return { container, path: safeRelativePath(path, 'uri'), folderOnly: path.endsWith('/') };
  } catch (error) {
    throw error instanceof ValidationError ? invalid(uri, `has an unsafe path, ${error.issues[0]?.message ?? ''}`) : error;
  }
}

function parseUrl(uri: string): URL {
  // URL parsing would resolve "a/../b" (and "%2e%2e") silently; a ".." is refused, as in every path.
  const rawSegments = (uri.split(/[?#]/)[0] ?? '').split('/');
  if (rawSegments.some((segment) => segment.toLowerCase().replaceAll('%2e', '.') === '..')) throw invalid(uri, 'contains a ".." segment; expected a path that stays inside its container');
  let url: URL | undefined;
  try {
    url = new URL(uri);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw invalid(uri, 'is not a supported input URI; expected an http(s) blob URL of the configured account or azureml://datastores/<name>/paths/<path>');
  }
  return url;
}

function decode(uri: string, segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw invalid(uri, `has a malformed percent-escape in "${segment}"`);
  }
}

function invalid(uri: string, problem: string): ValidationError {
  return new ValidationError([{ path: 'uri', message: `${JSON.stringify(uri)} ${problem}` }], { summary: 'invalid input URI' });
}
