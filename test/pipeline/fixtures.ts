import { ComputeRegistry } from '../../src/adapters/compute/registry';
import { MemoryJobStore } from '../../src/adapters/memory/memoryJobStore';
import { SecretBox } from '../../src/jobs/secretBox';
import type { JobRunner, SubmitDeps } from '../../src/jobs/submit';
import type { ComputeTarget } from '../../src/ports';

/** Submission dependencies in memory: a job store, a runner that records its calls, a fixed clock. */

export class RecordingRunner implements JobRunner {
  readonly started: string[] = [];
  readonly canceled: Array<{ job: string; reason: string }> = [];
  /** Jobs cancel() reports as having no orchestration. */
  readonly missing = new Set<string>();
  failStart: Error | undefined;

  readonly startedTypes = new Map<string, string>();

  async start(job: string, type: string): Promise<void> {
    if (this.failStart) throw this.failStart;
    this.started.push(job);
    this.startedTypes.set(job, type);
  }

  async wake(): Promise<void> {}

  readonly redriven: string[] = [];

  async redrive(job: string): Promise<void> {
    this.redriven.push(job);
  }

  async cancel(job: string, reason: string): Promise<boolean> {
    this.canceled.push({ job, reason });
    return !this.missing.has(job);
  }
}

const idleCompute = (name: string): ComputeTarget => ({
  name,
  start: async () => { throw new Error('not in these tests'); },
  poll: async () => { throw new Error('not in these tests'); },
  cancel: async () => undefined,
});

export const NOW = new Date('2026-03-01T10:00:00.000Z');

export function submitDeps(overrides: Partial<SubmitDeps> = {}): SubmitDeps & { jobs: MemoryJobStore; runner: RecordingRunner } {
  let seed = 0.1;
  return {
    jobs: new MemoryJobStore(),
    runner: new RecordingRunner(),
    clock: { now: () => NOW },
    random: () => (seed = (seed * 9301 + 0.49297) % 1),
    studioBaseUrl: 'http://studio.test/',
    secrets: new SecretBox(Buffer.alloc(32, 3).toString('base64')),
    computes: new ComputeRegistry([idleCompute('local'), idleCompute('gpu')]),
    ...overrides,
  } as SubmitDeps & { jobs: MemoryJobStore; runner: RecordingRunner };
}

export const helloSpec = { name: 'hello-1', command: 'echo hello', environment: 'azureml:env:1' };
export const helloYaml = 'name: hello-1\ncommand: echo hello\nenvironment: azureml:env:1\n';
