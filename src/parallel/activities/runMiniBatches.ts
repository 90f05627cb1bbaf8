import { countResult, emptyTotals, RunMiniBatchesInput, type RunMiniBatchResult, type Totals } from '../contracts';
import { itemsInBatch } from '../partition/manifest';
import { readMiniBatch } from '../partition/readMiniBatch';
import type { ParallelJobState } from '../runtime/jobState';
import type { ParallelRuntime } from '../runtime/parallelRuntime';
import { rowLine, type MiniBatchRecord } from '../runtime/results';

/**
 * `ParallelRunMiniBatches`: positions [pos, pos + count) of the plan, each mini-batch handed to the
 * job's worker pool as soon as a worker is free; returns their folded totals. A mini-batch fails
 * (and is tried again, up to `retry_settings.max_retries` more times) when run() raises, takes longer than
 * `retry_settings.timeout`, its worker dies, or it returns fewer results than it was given. The
 * outcome is recorded in the job's folder (replacing any earlier one) before it is reported, and a
 * mini-batch that already succeeded — the activity delivered again after a host crash — is not run
 * again. A halted job's remaining mini-batches are skipped.
 */
export async function runMiniBatches(runtime: ParallelRuntime, raw: unknown): Promise<Totals> {
  const { job, plan, pos, count } = RunMiniBatchesInput.parse(raw);
  const state = await runtime.state(job);
  const positions = Array.from({ length: count }, (_, i) => pos + i);
  const results = await Promise.all(positions.map(async (at) => runMiniBatch(state, await state.idAt(plan, at))));
  return results.reduce(countResult, emptyTotals());
}

async function runMiniBatch(state: ParallelJobState, id: number): Promise<RunMiniBatchResult> {
  const items = itemsInBatch(state.manifest, id);
  const earlier = state.outcome(id);
  if (earlier?.status === 'succeeded') return { status: 'succeeded', items: earlier.items, failedItems: earlier.failed };
  if (state.halted !== undefined) return { status: 'skipped', items, failedItems: 0 };

  const record = await attempt(state, id);
  if (record === undefined) return { status: 'skipped', items, failedItems: 0 };
  await state.noteResult(record);
  return { status: record.status, items: record.items, failedItems: record.failed };
}

async function attempt(state: ParallelJobState, id: number): Promise<MiniBatchRecord | undefined> {
  const pool = await state.pool();
  const items = await readMiniBatch(state.manifest, state.setup.inputRoot, id);
  const started = performance.now();
  let error = '';
  let failed = items.length;
  const attempts = state.setup.maxRetries + 1;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const outcome = await state.turns.use(async () => (state.halted === undefined ? pool.run(items) : undefined));
    if (outcome === undefined) {
      // Halted before this attempt could start: skipped if it never ran, failed with what the last attempt said otherwise.
      return attempt === 1 ? undefined : { id, status: 'failed', items: items.length, succeeded: items.length - failed, failed, attempts: attempt - 1, elapsedMs: performance.now() - started, error };
    }
    if (outcome.ok && outcome.results.length >= items.length) {
      return {
        id, status: 'succeeded', items: items.length, succeeded: items.length, failed: 0, attempts: attempt, elapsedMs: performance.now() - started,
        ...(state.setup.appendRow !== undefined && { rows: outcome.results.map(rowLine) }),
      };
    }
    if (outcome.ok) {
      failed = items.length - outcome.results.length;
      error = `run() returned ${outcome.results.length} result${outcome.results.length === 1 ? '' : 's'} for ${items.length} item${items.length === 1 ? '' : 's'}`;
    } else {
      failed = items.length;
      error = `${outcomeLabel(outcome.kind)}: ${outcome.error}`;
    }
    state.logs.line(outcome.worker, 'stderr', `mini-batch ${id}, attempt ${attempt}: ${error.split('\n')[0] ?? ''}`);
  }
  return { id, status: 'failed', items: items.length, succeeded: items.length - failed, failed, attempts, elapsedMs: performance.now() - started, error };
}

function outcomeLabel(kind: 'error' | 'timeout' | 'crash' | 'init'): string {
  switch (kind) {
    case 'error': return 'run() raised';
    case 'timeout': return 'run() timed out';
    case 'crash': return 'the worker process died';
    case 'init': return 'init() failed';
  }
}
