/**
 * How long the orchestration waits between two looks at a run: 200 ms, doubling to 10 s — long
 * commands cost a look every 10 s (the local compute also says when a run ends, so short ones are
 * seen at once). A queued job is woken when a slot frees up for it, so its own looks at the
 * queue are only the fallback for a lost wake-up: from 10 s, doubling to 30 s. Every look is an
 * entity call and two episodes that replay the history, which 40 queued jobs looking every second
 * made a fifth of the CPU a job cost (bench/jobsThroughput.ts).
 */

export const FIRST_POLL_MS = 200;
export const MAX_POLL_MS = 10_000;
const FIRST_QUEUE_POLL_MS = 10_000;

/** The wait before look number `attempt` (0-based). */
export function pollDelayMs(attempt: number): number {
  return Math.min(FIRST_POLL_MS * 2 ** Math.min(attempt, 16), MAX_POLL_MS);
}

/** Queued jobs are woken when a slot frees up, so between their own looks they may wait longer. */
export const QUEUE_MAX_POLL_MS = 30_000;

export function queuePollDelayMs(attempt: number): number {
  return Math.min(FIRST_QUEUE_POLL_MS * 2 ** Math.min(attempt, 16), QUEUE_MAX_POLL_MS);
}

/**
 * Polls of one orchestration generation before it continues as new with a checkpoint, so that
 * its history (replayed on every wake-up) stays a few hundred events long however long the run.
 */
export const POLLS_PER_GENERATION = 100;
