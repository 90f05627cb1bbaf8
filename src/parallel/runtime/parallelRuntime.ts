import { ParallelJobState, type ParallelDeps } from './jobState';

/**
 * The parallel jobs this host process is working on, each loaded once (on the first activity that
 * needs it) and kept until its job is finalized or the app ends.
 */
export class ParallelRuntime {
  private readonly states = new Map<string, Promise<ParallelJobState>>();

  constructor(readonly deps: ParallelDeps) {}

  state(job: string): Promise<ParallelJobState> {
    let state = this.states.get(job);
    if (state === undefined) {
      state = ParallelJobState.load(this.deps, job);
      this.states.set(job, state);
      state.catch(() => this.states.delete(job));
    }
    return state;
  }

  /** Closes the job's pool and forgets it (prepare starts it afresh; finalize ends it). */
  async forget(job: string): Promise<void> {
    const state = this.states.get(job);
    this.states.delete(job);
    await (await state?.catch(() => undefined))?.close();
  }

  async dispose(): Promise<void> {
    const jobs = [...this.states.keys()];
    await Promise.all(jobs.map((job) => this.forget(job)));
  }
}
