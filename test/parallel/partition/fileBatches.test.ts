import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { miniBatchCount, partitionInput, readMiniBatch } from '../../../src/parallel/partition';
import { tempTree, validationErrorOf } from './tempTree';

const tenPerBatch = { kind: 'files', count: 10 } as const;
const twoPerBatch = { kind: 'files', count: 2 } as const;

describe('partitioning a uri_folder by file count', () => {
  it('lists every file recursively, hidden ones included, sorted by the UTF-8 bytes of the relative path', async () => {
    // U+FB00 sorts before U+1D4B3 in UTF-8 (and code points) but after it in UTF-16 units.
    const root = await tempTree({ 'b.txt': '', 'a/z.txt': '', 'a.txt': '', '.hidden': '', 'a/.cache/x': '', 'B.txt': '', '\u{fb00}.txt': '', '\u{1d4b3}.txt': '', 'é.txt': '' });
    const manifest = await partitionInput({ path: root, type: 'uri_folder' }, tenPerBatch);
    expect(manifest).toEqual({
      version: 1,
      kind: 'files',
      batchSize: 10,
      files: ['.hidden', 'B.txt', 'a.txt', 'a/.cache/x', 'a/z.txt', 'b.txt', 'é.txt', '\u{fb00}.txt', '\u{1d4b3}.txt'],
    });
  });

  it('gives each mini-batch its slice of the files as absolute paths under the root it is read against', async () => {
    const root = await tempTree({ '1.png': '', '2.png': '', 'sub/3.png': '', 'sub/4.png': '', '5.png': '' });
    const manifest = await partitionInput({ path: root, type: 'uri_folder' }, twoPerBatch);
    expect(miniBatchCount(manifest)).toBe(3);
    expect(await readMiniBatch(manifest, root, 1)).toEqual([path.join(root, '5.png'), path.join(root, 'sub', '3.png')]);
    expect(await readMiniBatch(manifest, '/mnt/elsewhere', 2)).toEqual(['/mnt/elsewhere/sub/4.png']);
  });

  it('refuses an empty folder: a job with nothing to do', async () => {
    const root = await tempTree();
    await mkdir(path.join(root, 'only-folders', 'deeper'), { recursive: true });
    const err = await validationErrorOf(partitionInput({ path: root, type: 'uri_folder' }, tenPerBatch));
    expect(err.issues).toEqual([{ path: 'input_data', message: expect.stringMatching(/holds no files; a parallel job needs at least one/) }]);
  });

  it('follows symbolic links that stay inside the folder, listing them under the link path', async () => {
    const root = await tempTree({ 'data/a.txt': 'a', 'data/b.txt': 'b' });
    await symlink(path.join(root, 'data', 'a.txt'), path.join(root, 'link-to-a.txt'));
    await symlink('data', path.join(root, 'linked-data'));
    const manifest = await partitionInput({ path: root, type: 'uri_folder' }, tenPerBatch);
    expect(manifest.kind === 'files' && manifest.files).toEqual(['data/a.txt', 'data/b.txt', 'link-to-a.txt', 'linked-data/a.txt', 'linked-data/b.txt']);
  });

  it('refuses a symbolic link that leads outside the folder, naming it', async () => {
    const outside = await tempTree({ 'secret.txt': 'no' });
    const root = await tempTree({ 'ok.txt': '' });
    await mkdir(path.join(root, 'sub'));
    await symlink(path.join(outside, 'secret.txt'), path.join(root, 'sub', 'escape.txt'));
    const err = await validationErrorOf(partitionInput({ path: root, type: 'uri_folder' }, tenPerBatch));
    expect(err.issues[0]?.path).toBe('input_data');
    expect(err.issues[0]?.message).toMatch(/^sub\/escape\.txt leads to .*secret\.txt, outside the input folder/);
  });

  it('refuses a symbolic link to a folder outside, a dangling link, and a link loop', async () => {
    const outside = await tempTree({ 'x.txt': '' });
    const cases: [string, (root: string) => Promise<void>, RegExp][] = [
      ['folder outside', (root) => symlink(outside, path.join(root, 'out')), /^out leads to .*, outside the input folder/],
      ['dangling', (root) => symlink(path.join(root, 'missing'), path.join(root, 'dangling')), /^dangling does not exist \(or is a symbolic link to nothing\)/],
      ['loop', (root) => symlink('..', path.join(root, 'sub', 'up')), /^sub\/up is a symbolic link to \., a folder that contains it \(a loop\)/],
    ];
    for (const [name, makeLink, expected] of cases) {
      const root = await tempTree({ 'sub/file.txt': '' });
      await makeLink(root);
      const err = await validationErrorOf(partitionInput({ path: root, type: 'uri_folder' }, tenPerBatch));
      expect(err.issues[0]?.message, name).toMatch(expected);
    }
  });

  it('refuses a named pipe instead of hanging on it', async () => {
    const root = await tempTree({ 'a.txt': '' });
    execFileSync('mkfifo', [path.join(root, 'pipe')]);
    const err = await validationErrorOf(partitionInput({ path: root, type: 'uri_folder' }, tenPerBatch));
    expect(err.issues[0]?.message).toMatch(/^pipe is neither a file nor a folder/);
  });

  it('refuses a byte size for a folder without CSV or JSON Lines files, naming mini_batch_size and what is accepted', async () => {
    const root = await tempTree({ 'cat.jpg': '', 'dog.jpg': '' });
    const err = await validationErrorOf(partitionInput({ path: root, type: 'uri_folder' }, { kind: 'bytes', bytes: 102_400 }));
    expect(err.issues).toEqual([{
      path: 'mini_batch_size',
      message: expect.stringMatching(/^"100kb" is a byte size, which splits the rows of CSV \(\*\.csv\) or JSON Lines \(\*\.jsonl, \*\.json\) files, but the folder .* has none: it holds 2 other files \(such as cat\.jpg\); give a file count such as "10"/),
    }]);
  });

  it('refuses a file where a folder is declared, and a missing path', async () => {
    const root = await tempTree({ 'a.csv': 'x\n1\n' });
    const asFolder = await validationErrorOf(partitionInput({ path: path.join(root, 'a.csv'), type: 'uri_folder' }, tenPerBatch));
    expect(asFolder.issues[0]?.message).toBe('a uri_folder input is a folder, but a.csv is a file; declare the input as uri_file');
    const missing = await validationErrorOf(partitionInput({ path: path.join(root, 'nope'), type: 'uri_folder' }, tenPerBatch));
    expect(missing.issues[0]?.message).toMatch(/nope does not exist$/);
  });
});

describe('partitioning a uri_file by file count', () => {
  it('makes one mini-batch holding the file itself, whatever its content', async () => {
    const root = await tempTree({ 'scan.tiff': 'II*' });
    const file = path.join(root, 'scan.tiff');
    const manifest = await partitionInput({ path: file, type: 'uri_file' }, tenPerBatch);
    expect(manifest).toEqual({ version: 1, kind: 'files', files: ['.'], batchSize: 10 });
    expect(await readMiniBatch(manifest, file, 0)).toEqual([file]);
  });

  it('refuses a folder declared as uri_file', async () => {
    const root = await tempTree({ 'a.txt': '' });
    const err = await validationErrorOf(partitionInput({ path: root, type: 'uri_file' }, tenPerBatch));
    expect(err.issues[0]?.message).toMatch(/is a folder; declare the input as uri_folder$/);
  });

  it('refuses a byte size for a file that is not CSV or JSON Lines', async () => {
    const root = await tempTree({ 'scan.tiff': 'II*' });
    const err = await validationErrorOf(partitionInput({ path: path.join(root, 'scan.tiff'), type: 'uri_file' }, { kind: 'bytes', bytes: 1024 }));
    expect(err.issues).toEqual([{ path: 'mini_batch_size', message: expect.stringMatching(/^"1kb" is a byte size, .* and scan\.tiff is neither; give a file count such as "1" to pass the file itself to run\(\)$/) }]);
  });
});

describe('many files', () => {
  it('partitions 20,000 files in 400 folders, each file exactly once, in order', async () => {
    const root = await tempTree();
    const expected: string[] = [];
    for (let folder = 0; folder < 400; folder += 1) {
      const name = `f${String(folder).padStart(3, '0')}`;
      await mkdir(path.join(root, name));
      await Promise.all(Array.from({ length: 50 }, (_, i) => {
        const file = `${name}/${String(i).padStart(2, '0')}.bin`;
        expected.push(file);
        return writeFile(path.join(root, file), '');
      }));
    }
    const manifest = await partitionInput({ path: root, type: 'uri_folder' }, { kind: 'files', count: 7 });
    expect(manifest.kind === 'files' && manifest.files).toEqual(expected.sort());
    const all = (await Promise.all(Array.from({ length: miniBatchCount(manifest) }, (_, i) => readMiniBatch(manifest, root, i)))).flat();
    expect(all).toEqual(expected.map((file) => path.join(root, file)));
  });
});
