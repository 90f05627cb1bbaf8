/** A local service (Azurite, the Cosmos DB emulator) could not be started or did not become ready. */
export class ServiceStartError extends Error {
  override name = 'ServiceStartError';

  constructor(
    readonly service: string,
    problem: string,
    /** The last lines the child printed (stdout and stderr interleaved), empty if none. */
    readonly outputTail: string,
    options?: { cause?: unknown },
  ) {
    super(`${service}: ${problem}${outputTail ? `\n--- last output of ${service} ---\n${outputTail}` : ''}`, options);
  }
}

/** A port the service needs is held by something that does not answer as that service. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';

  constructor(
    readonly service: string,
    readonly host: string,
    readonly port: number,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(
      `${service}: ${host}:${port} is already in use by something that is not a healthy ${service} (${detail}). ` +
        'Stop that process, or point the connection setting at another endpoint.',
      options,
    );
  }
}
