import { z } from 'zod';

/**
 * The messages between the pool and one worker process — the same for both languages: over the
 * fork IPC channel for JavaScript/TypeScript, as JSON lines on fd 3 for Python
 * (workers/python/azureml_runner.py speaks this protocol too; keep them in step).
 *
 * One request at a time: `start` once, then `run`s, then `shutdown`. Every request gets exactly one
 * reply unless the worker dies first.
 */

export type ToWorker =
  | { type: 'start'; entryScript: string; argv: string[] }
  | { type: 'run'; id: number; items: unknown[] }
  | { type: 'shutdown' };

/** `init()` ran (or threw, or the script could not be loaded: `error` holds the message and stack). */
export const StartReply = z.object({ type: z.literal('started'), error: z.string().optional() });
export type StartReply = z.infer<typeof StartReply>;

/** `run()` returned `results`, or threw / returned something unusable (`error`). */
export const RunReply = z.union([
  z.object({ type: z.literal('ran'), id: z.number(), results: z.array(z.unknown()) }),
  z.object({ type: z.literal('ran'), id: z.number(), error: z.string() }),
]);
export type RunReply = z.infer<typeof RunReply>;

/** `shutdown()` ran (or was not defined, or threw: `error`); the worker exits next. */
export const ShutdownReply = z.object({ type: z.literal('shut'), error: z.string().optional() });
export type ShutdownReply = z.infer<typeof ShutdownReply>;

/** The run reply first: it is the one that comes thousands of times. */
export const FromWorker = z.union([RunReply, StartReply, ShutdownReply]);
export type FromWorker = z.infer<typeof FromWorker>;
