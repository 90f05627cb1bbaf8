/**
 * Reading @azure/cosmos errors: they carry the HTTP status as a numeric `code`. Messages built
 * here name the operation and the container, never the endpoint's key.
 */

export function cosmosStatus(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

/** An unexpected Cosmos failure, saying what we were doing and where; the SDK error is the cause. */
export function cosmosFailure(action: string, where: string, error: unknown): Error {
  const status = cosmosStatus(error);
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
  const hint = status === 404 ? ' (do the database and the container exist? JobStore.init() creates them)' : '';
  return new Error(`Cosmos DB: ${action} in ${where} failed${status === undefined ? '' : ` with ${status}`}: ${detail}${hint}`, { cause: error });
}
