/** Names Azure Storage accepts, checked before a request so the error names the binding. */

const QUEUE_NAME = /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/;
const CONTAINER_NAME = /^(?:\$root|\$web|\$logs|[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9])$/;

export function assertQueueName(name: string, where: string): void {
  if (!QUEUE_NAME.test(name)) {
    throw new Error(`${where}: "${name}" is not a valid queue name; use 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.`);
  }
}

export interface BlobPath {
  container: string;
  blobName: string;
}

/** Splits `container/path/to/blob`, checking the container name. */
export function parseBlobPath(path: string, where: string): BlobPath {
  const slash = path.indexOf('/');
  const container = slash < 0 ? path : path.slice(0, slash);
  const blobName = slash < 0 ? '' : path.slice(slash + 1);
  if (!CONTAINER_NAME.test(container)) {
    throw new Error(`${where}: "${path}" does not start with a valid container name; use "container/blob-name" with 3-63 lowercase letters, digits and single hyphens for the container.`);
  }
  if (blobName === '' || blobName.length > 1024) {
    throw new Error(`${where}: "${path}" has no blob name (or one over 1024 characters); use "container/blob-name".`);
  }
  return { container, blobName };
}
