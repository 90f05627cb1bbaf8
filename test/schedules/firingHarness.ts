import { ComputeRegistry } from '../../src/adapters/compute/registry';
import { MemoryJobStore } from '../../src/adapters/memory/memoryJobStore';
import { MemoryScheduleStore } from '../../src/adapters/memory/memoryScheduleStore';
import { SecretBox } from '../../src/jobs/secretBox';
import type { JobRunner } from '../../src/jobs/submit';
import type { ScheduleDeps } from '../../src/schedules/deps';
import { parseSchedule } from '../../src/schedules/model/parseSchedule';
import { putSchedule } from '../../src/schedules/operations';
import type { ComputeTarget } from '../../src/ports';
import { scheduleSpec } from './fixtures';

/**
 * Schedule operations and firing on in-memory stores, a settable clock and a runner that records
 * what it was asked: orchestrations started and jobs told to cancel. `host()` gives another set of
 * deps on the same stores and clock — a second host racing the first.
 */
export class FiringHarness {
  readonly jobs = new MemoryJobStore({ maxAttempts: 10 });
  readonly schedules = new MemoryScheduleStore({ maxAttempts: 10 });
  readonly started: string[] = [];
  readonly canceled: string[] = [];
  now: number;

  constructor(start: string) {
    this.now = Date.parse(start);
  }

  host(): ScheduleDeps {
    const runner: JobRunner = {
      start: async (job) => void this.started.push(job),
      cancel: async (job) => {
        this.canceled.push(job);
        return true;
      },
      wake: async () => undefined,
      redrive: async () => undefined,
    };
    const local = { name: 'local' } as ComputeTarget;
    return {
      schedules: this.schedules,
      submit: {
        jobs: this.jobs, runner, clock: { now: () => new Date(this.now) }, random: () => 0.5, studioBaseUrl: 'http://studio.test',
        secrets: new SecretBox(Buffer.alloc(32, 3).toString('base64')), computes: new ComputeRegistry([local]),
      },
    };
  }

  at(iso: string): this {
    this.now = Date.parse(iso);
    return this;
  }

  async put(name: string, overrides: Record<string, unknown> = {}) {
    return putSchedule(this.host(), parseSchedule(scheduleSpec(name, overrides)));
  }

  /** Job names of the schedule's jobs, in order of their records. */
  async jobNames(schedule: string): Promise<string[]> {
    return ((await this.schedules.get(schedule))?.jobs ?? []).map((job) => job.name);
  }

  async endJob(name: string): Promise<void> {
    await this.jobs.transition(name, 'Failed', { at: new Date(this.now), reason: 'test' });
  }
}
