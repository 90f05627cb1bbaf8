/** Reading @azure/storage-blob errors (RestError: `statusCode` and the service's error `code`). */

export function blobStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

export function blobErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** An unexpected storage failure, naming the operation and the blob; the SDK error is the cause. */
export function blobFailure(action: string, where: string, error: unknown): Error {
  const status = blobStatus(error);
  const code = blobErrorCode(error);
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
  const hint = code === 'ContainerNotFound' ? ' (ArtifactStore.init() creates the artifact container)' : '';
  return new Error(`Blob storage: ${action} ${where} failed${status === undefined ? '' : ` with ${status}${code ? ` ${code}` : ''}`}: ${detail}${hint}`, { cause: error });
}
