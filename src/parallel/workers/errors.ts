/** `run()` was called on a closed pool, or the pool was closed while the run waited or ran. */
export class WorkerPoolClosedError extends Error {
  override readonly name = 'WorkerPoolClosedError';

  constructor(message = 'the worker pool is closed', options?: { cause?: unknown }) {
    super(message, options);
  }
}
