import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/model/errors';
import { ComputeHarness } from './harness';

describe('LocalComputeTarget working directories', () => {
  const harness = ComputeHarness.use();

  async function startIn(workingDir: string): Promise<unknown> {
    return harness.start(harness.target(), 'true', {}, workingDir).catch((error: unknown) => error);
  }

  it.each([
    ['a directory outside the work root', () => path.join(harness.root, 'elsewhere'), /is outside the work root/],
    ['a path that climbs out with ..', () => path.join(harness.workRoot, '..', 'elsewhere'), /is outside the work root/],
    ['a sibling whose name starts with the root\'s', () => `${harness.workRoot}-sibling`, /is outside the work root/],
    ['a missing directory', () => path.join(harness.workRoot, 'missing'), /missing does not exist/],
    ['a relative path', () => 'work/code', /must be an absolute path/],
  ])('rejects %s', async (_what, workingDir, message) => {
    await mkdir(path.join(harness.root, 'elsewhere'), { recursive: true });
    await mkdir(`${harness.workRoot}-sibling`, { recursive: true });

    const error = await startIn(workingDir());

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]).toMatchObject({ path: 'workingDir', message: expect.stringMatching(message) });
  });

  it('rejects a symbolic link inside the root that leads out of it', async () => {
    await mkdir(path.join(harness.root, 'elsewhere'));
    await symlink(path.join(harness.root, 'elsewhere'), path.join(harness.workRoot, 'link'));

    const error = await startIn(path.join(harness.workRoot, 'link'));

    expect((error as ValidationError).issues[0]?.message).toMatch(/link is outside the work root .* \(it resolves to .*elsewhere\)/);
  });

  it('rejects a file given as the working directory', async () => {
    await writeFile(path.join(harness.workRoot, 'file.txt'), '');

    expect(((await startIn(path.join(harness.workRoot, 'file.txt'))) as ValidationError).issues[0]?.message).toMatch(/is not a directory/);
  });

  it('accepts the work root itself and folders below it', async () => {
    const nested = path.join(harness.workRoot, 'a', 'b');
    await mkdir(nested, { recursive: true });

    expect(await startIn(harness.workRoot)).toHaveProperty('runId');
    expect(await startIn(nested)).toHaveProperty('runId');
  });
});
