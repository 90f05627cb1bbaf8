import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanUp } from '../../src/activities/finalize';
import type { ComputeTarget } from '../../src/ports';
import { activityFixture, fakeCompute, type ActivityFixture } from './fixtures';

let fixture: ActivityFixture;
let removed: string[];

beforeEach(async () => {
  removed = [];
  const compute: ComputeTarget = { ...fakeCompute('local'), removeRuns: async (job) => void removed.push(job) };
  fixture = await activityFixture([compute, fakeCompute('keeps-nothing')]);
});
afterEach(() => fixture.dispose());

describe('the JobCleanUp activity', () => {
  it('removes the job\'s working folders and has its compute drop the job\'s runs', async () => {
    await fixture.addJob({ name: 'job-1' });
    await mkdir(path.join(fixture.workRoot, 'job-1', 'code'), { recursive: true });
    await cleanUp(fixture.deps, { job: 'job-1' });
    expect(existsSync(path.join(fixture.workRoot, 'job-1'))).toBe(false);
    expect(removed).toEqual(['job-1']);
  });

  it('is fine with a compute that keeps nothing per run, a compute no longer configured and a job without a record', async () => {
    await fixture.addJob({ name: 'job-2', compute: 'keeps-nothing' });
    await fixture.addJob({ name: 'job-3', compute: 'gone' });
    for (const job of ['job-2', 'job-3', 'job-4']) await expect(cleanUp(fixture.deps, { job })).resolves.toBeNull();
    expect(removed).toEqual([]);
  });
});
