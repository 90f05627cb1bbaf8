import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../../../src/model/errors';
import type { Fixtures } from '../artifactStoreConformance';

/** Writes `files` (relative path → content) under `root`. */
async function writeTree(root: string, files: Record<string, Buffer | string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

/** Every file under `root` (relative path → content). */
async function readTree(root: string): Promise<Record<string, Buffer>> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  return Object.fromEntries(await Promise.all(files.map(async (f) => [f.slice(root.length + 1), await readFile(f)] as const)));
}

async function readAll(stream: NodeJS.ReadableStream | undefined): Promise<Buffer | undefined> {
  if (stream === undefined) return undefined;
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Buffer));
  return Buffer.concat(parts);
}

export function describeFolders({ open, tempDir }: Fixtures): void {
  describe('code snapshots and outputs', () => {
    const tree = { 'train.py': 'print("hi")\n', 'nested/deeper/weights.bin': randomBytes(100_000), 'empty.txt': '', 'docs/naïve file #1.md': '# notes' };

    it('round-trips a code folder with nested folders, binary, empty and oddly named files', async () => {
      const { store } = await open();
      const [source, dest] = [await tempDir(), await tempDir()];
      await writeTree(source, tree);

      const url = await store.uploadSnapshot('snap_job', source);
      await store.downloadSnapshot('snap_job', join(dest, 'code'));

      expect(url).toMatch(/\/snap_job\/code\/$/);
      expect(await readTree(join(dest, 'code'))).toEqual(Object.fromEntries(Object.entries(tree).map(([p, c]) => [p, Buffer.from(c)])));
    });

    it('replaces an earlier snapshot: files gone from the folder are gone from the snapshot', async () => {
      const { store } = await open();
      const [source, dest] = [await tempDir(), await tempDir()];
      await writeTree(source, { 'a.py': 'a', 'old/b.py': 'b' });
      await store.uploadSnapshot('resnap_job', source);
      await rm(join(source, 'old'), { recursive: true });
      await writeTree(source, { 'a.py': 'a2' });

      await store.uploadSnapshot('resnap_job', source);
      await store.downloadSnapshot('resnap_job', dest);

      expect(await readTree(dest)).toEqual({ 'a.py': Buffer.from('a2') });
    });

    it('follows a symbolic link only to a file inside the folder', async () => {
      const { store } = await open();
      const [outside, source, dest] = [await tempDir(), await tempDir(), await tempDir()];
      await writeTree(outside, { 'secret.txt': 'do not copy' });
      await writeTree(source, { 'real.txt': 'inside', 'sub/x.txt': 'x' });
      await symlink(join(source, 'real.txt'), join(source, 'link-inside.txt'));
      await symlink(join(outside, 'secret.txt'), join(source, 'link-outside.txt'));
      await symlink('/etc/passwd', join(source, 'passwd'));
      await symlink(join(source, 'sub'), join(source, 'dir-link'));

      await store.uploadSnapshot('link_job', source);
      await store.downloadSnapshot('link_job', dest);

      expect(await readTree(dest)).toEqual({ 'real.txt': Buffer.from('inside'), 'link-inside.txt': Buffer.from('inside'), 'sub/x.txt': Buffer.from('x') });
    });

    it('uploads an output folder, lists it with sizes and serves each file', async () => {
      const { store } = await open();
      const source = await tempDir();
      const large = randomBytes(9 * 1024 * 1024);
      await writeTree(source, { 'model/weights.bin': large, 'metrics.json': '{"acc":0.9}' });

      const url = await store.uploadOutput('out_job', 'model_output', source);

      expect(url).toMatch(/\/out_job\/outputs\/model_output\/$/);
      expect(await store.listOutput('out_job', 'model_output')).toEqual([
        { path: 'metrics.json', size: 11 },
        { path: 'model/weights.bin', size: large.length },
      ]);
      expect((await readAll(await store.readOutputFile('out_job', 'model_output', 'model/weights.bin')))?.equals(large)).toBe(true);
      expect((await readAll(await store.readOutputFile('out_job', 'model_output', './metrics.json')))?.toString()).toBe('{"acc":0.9}');
      expect(await store.readOutputFile('out_job', 'model_output', 'missing.txt')).toBeUndefined();
      expect(await store.listOutput('out_job', 'other_output')).toEqual([]);
    });

    it.each(['../x', '/etc/passwd', 'a/../../b', 'a\\..\\b'])('refuses to read the output path %j', async (path) => {
      const { store } = await open();
      await expect(store.readOutputFile('out_job', 'model_output', path)).rejects.toThrow(`path  ${JSON.stringify(path)}: `);
    });

    it('refuses an output name that is not one, and a local folder that does not exist', async () => {
      const { store } = await open();
      const source = await tempDir();
      await expect(store.uploadOutput('out_job', '../model', source)).rejects.toBeInstanceOf(ValidationError);
      await expect(store.uploadSnapshot('out_job', join(source, 'missing'))).rejects.toBeInstanceOf(NotFoundError);
      await expect(store.uploadSnapshot('out_job', join(source, 'missing'))).rejects.toThrow(/code snapshot: folder .*missing does not exist/);
    });
  });
}
