import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { ValidationError } from '../../../src/model/errors';

/** A folder under the OS temp dir holding `files` (path → content), removed after the test file. */
export async function tempTree(files: Record<string, string | Buffer> = {}): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'dj-partition-'));
  afterAll(() => rm(root, { recursive: true, force: true }));
  for (const [relative, content] of Object.entries(files)) {
    const local = path.join(root, relative);
    await mkdir(path.dirname(local), { recursive: true });
    await writeFile(local, content);
  }
  return root;
}

/** The ValidationError `promise` rejects with (fails the test if it resolves or throws another error). */
export async function validationErrorOf(promise: Promise<unknown>): Promise<ValidationError> {
  const err = await promise.then(() => undefined, (reason: unknown) => reason);
  if (!(err instanceof ValidationError)) throw new Error(`expected a ValidationError, got ${String(err)}`, { cause: err });
  return err;
}
