import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepare } from '../../src/activities/prepare';
import { activityFixture, type ActivityFixture } from './fixtures';

let fixture: ActivityFixture;
beforeEach(async () => {
  fixture = await activityFixture();
  fixture.deps.artifacts.putBlob('workspaceblobstore', 'LocalUpload/abc/train.py', Buffer.from('print(1)\n'));
  fixture.deps.artifacts.putBlob('workspaceblobstore', 'LocalUpload/abc/pkg/util.py', Buffer.from('x = 1\n'));
});
afterEach(() => fixture.dispose());

describe('a job whose code is a datastore folder (as the CLI uploads it)', () => {
  it('gets it as its working directory, and as its code snapshot', async () => {
    await fixture.addJob({ name: 'job-up', code: 'azureml://datastores/workspaceblobstore/paths/LocalUpload/abc/' });
    const result = await prepare(fixture.deps, { job: 'job-up' });
    if (!result.ok) throw new Error(result.error.message);
    expect(await readFile(path.join(result.run.workingDir, 'pkg', 'util.py'), 'utf8')).toBe('x = 1\n');
    const snapshot = path.join(fixture.workRoot, 'snapshot-check');
    await fixture.deps.artifacts.downloadSnapshot('job-up', snapshot);
    expect(await readFile(path.join(snapshot, 'train.py'), 'utf8')).toBe('print(1)\n');
  });

  it('fails with a UserError naming code for a single file or nothing there', async () => {
    await fixture.addJob({ name: 'job-file', code: 'azureml://datastores/workspaceblobstore/paths/LocalUpload/abc/train.py' });
    expect(await prepare(fixture.deps, { job: 'job-file' })).toEqual({
      ok: false, error: { code: 'UserError', message: 'code  "azureml://datastores/workspaceblobstore/paths/LocalUpload/abc/train.py" is a single file; code must be a folder (end the URI with "/")' },
    });
    await fixture.addJob({ name: 'job-none', code: 'azureml://datastores/workspaceblobstore/paths/LocalUpload/none/' });
    const none = await prepare(fixture.deps, { job: 'job-none' });
    expect(none.ok ? '' : none.error.message).toMatch(/^code {2}input azureml:\/\/datastores\/workspaceblobstore\/paths\/LocalUpload\/none\/: there is no blob/);
  });
});
