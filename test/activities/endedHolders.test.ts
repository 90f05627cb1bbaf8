import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findEndedHolders, type OrchestrationLookup } from '../../src/activities/endedHolders';
import { NOW, activityFixture, type ActivityFixture } from './fixtures';

let fixture: ActivityFixture;
let orchestrations: Map<string, string>;
const lookup: OrchestrationLookup = { runtimeStatus: async (job) => orchestrations.get(job) };

beforeEach(async () => {
  fixture = await activityFixture();
  orchestrations = new Map();
});
afterEach(() => fixture.dispose());

async function runningJob(name: string): Promise<void> {
  await fixture.addJob({ name });
  for (const status of ['Starting', 'Preparing', 'Queued', 'Running'] as const) await fixture.deps.jobs.transition(name, status, { at: NOW });
}

function check(jobs: string[]) {
  return findEndedHolders({ jobs: fixture.deps.jobs, clock: fixture.deps.clock, orchestrations: lookup }, { jobs });
}

describe('the JobFindEndedHolders activity', () => {
  it('keeps holders whose orchestration still runs (or is suspended)', async () => {
    await runningJob('alive');
    await runningJob('paused');
    orchestrations.set('alive', 'Running').set('paused', 'Suspended');
    expect(await check(['alive', 'paused'])).toEqual({ ended: [] });
    expect((await fixture.deps.jobs.get('alive'))?.status).toBe('Running');
  });

  it('names holders whose job ended or has no record, leaving their records alone', async () => {
    await runningJob('done');
    await fixture.deps.jobs.transition('done', 'Finalizing', { at: NOW });
    await fixture.deps.jobs.transition('done', 'Completed', { at: NOW });
    orchestrations.set('done', 'Running');
    expect(await check(['done', 'deleted'])).toEqual({ ended: ['done', 'deleted'] });
    expect((await fixture.deps.jobs.get('done'))?.status).toBe('Completed');
  });

  it('names a running job whose orchestration was terminated or purged, and fails it with a SystemError saying so', async () => {
    await runningJob('terminated');
    await runningJob('purged');
    orchestrations.set('terminated', 'Terminated');
    expect(await check(['terminated', 'purged'])).toEqual({ ended: ['terminated', 'purged'] });
    const terminated = await fixture.deps.jobs.get('terminated');
    expect(terminated?.status).toBe('Failed');
    expect(terminated?.error).toEqual({
      code: 'SystemError',
      message: "the job's orchestration is Terminated while the job was Running, so nothing drives the job any more; its compute slot was given back (a command it started may still be running on the compute)",
    });
    expect((await fixture.deps.jobs.get('purged'))?.error?.message).toMatch(/^the job's orchestration no longer exists while the job was Running/);
  });

  it('rejects input without jobs', async () => {
    await expect(check([])).rejects.toThrow();
  });
});
