import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { folderFiles } from '../../../src/cli/upload/folderFiles';

let root: string;
let code: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'dj-upload-files-'));
  code = path.join(root, 'code');
  await mkdir(code);
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function write(files: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(code, file)), { recursive: true });
    await writeFile(path.join(code, file), text);
  }
}
const paths = async (ignoreFiles = true) => (await folderFiles(code, { ignoreFiles })).files.map((file) => file.path);

describe('the files the CLI uploads from a folder', () => {
  it('leave out what .gitignore excludes, with git\'s rules: patterns, negation, folders not entered', async () => {
    await write({
      '.gitignore': '*.log\n!keep.log\noutputs/\n', 'train.py': '', 'debug.log': '', 'keep.log': '',
      'outputs/model.bin': '', 'pkg/util.py': '', 'pkg/cache.log': '',
    });
    expect(await paths()).toEqual(['.gitignore', 'keep.log', 'pkg/util.py', 'train.py']);
  });

  it('follow .amlignore instead of .gitignore where both are, and a deeper file\'s rules over its parent\'s', async () => {
    await write({
      '.amlignore': 'data/\n', '.gitignore': '*.py\n', 'train.py': '', 'data/big.csv': '',
      'pkg/.gitignore': '!*.tmp\n', 'pkg/a.tmp': '', 'pkg/b.py': '', 'notes.tmp': '',
    });
    await writeFile(path.join(code, '.amlignore'), 'data/\n*.tmp\n');
    expect(await paths()).toEqual(['.amlignore', '.gitignore', 'pkg/.gitignore', 'pkg/a.tmp', 'pkg/b.py', 'train.py']);
  });

  it('take every file when ignore files are not to be followed (data inputs)', async () => {
    await write({ '.gitignore': '*.csv\n', 'rows.csv': '' });
    expect(await paths(false)).toEqual(['.gitignore', 'rows.csv']);
  });

  it('follow a symbolic link only to a file inside the folder, and name the links left out', async () => {
    await write({ 'real.txt': 'inside', 'sub/x.txt': 'x' });
    await writeFile(path.join(root, 'secret.txt'), 'outside');
    await symlink(path.join(code, 'real.txt'), path.join(code, 'alias.txt'));
    await symlink(path.join(root, 'secret.txt'), path.join(code, 'escape.txt'));
    await symlink('/etc', path.join(code, 'etc'));
    await symlink(path.join(code, 'sub'), path.join(code, 'sub-link'));
    const listing = await folderFiles(code, { ignoreFiles: true });
    expect(listing.files.map(({ path: file, size }) => [file, size])).toEqual([['alias.txt', 6], ['real.txt', 6], ['sub/x.txt', 1]]);
    expect(listing.files[0]?.source).toBe(path.join(code, 'real.txt'));
    expect(listing.skippedLinks).toEqual(['escape.txt', 'etc', 'sub-link']);
  });
});
