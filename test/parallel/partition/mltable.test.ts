import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type MiniBatchManifest, miniBatchCount, partitionInput } from '../../../src/parallel/partition';
import { readAllBatches } from './splitFile';
import { tempTree, validationErrorOf } from './tempTree';

const FIXTURES = path.resolve(__dirname, '../../fixtures/parallel');
const EXAMPLE = path.resolve(__dirname, '../../../examples/data/mltable-iris');
const kb = { kind: 'bytes', bytes: 1024 } as const;

async function allRows(manifest: MiniBatchManifest, root: string) {
  return (await readAllBatches(manifest, root)).flat();
}

/** An MLTable folder with `mltable` as its MLTable file and the other files beside it. */
async function table(mltable: string, files: Record<string, string> = {}) {
  return tempTree({ MLTable: mltable, ...files });
}

const CSV_READER = 'transformations:\n  - read_delimited: {}\n';

describe('partitioning an mltable input', () => {
  it('splits the example iris MLTable into about 1 kB batches of its 60 rows', async () => {
    const manifest = await partitionInput({ path: EXAMPLE, type: 'mltable' }, kb);
    expect(manifest.kind === 'rows' && manifest.sources).toEqual([{ path: 'iris.csv', format: 'csv', columns: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species'] }]);
    expect(miniBatchCount(manifest)).toBeGreaterThan(1);
    const rows = await allRows(manifest, EXAMPLE);
    expect(rows).toHaveLength(60);
    expect(rows[0]).toEqual({ sepal_length: '5.1', sepal_width: '3.5', petal_length: '1.4', petal_width: '0.2', species: 'setosa' });
  });

  it('reads the files a pattern and a file entry name, in that order, with the delimiter given and same headers checked', async () => {
    const root = path.join(FIXTURES, 'mltable-sales');
    const manifest = await partitionInput({ path: root, type: 'mltable' }, kb);
    expect(manifest.kind === 'rows' && manifest.sources.map((source) => [source.path, source.delimiter])).toEqual([
      ['2024/q1/sales.csv', ';'], ['2024/q2/sales.csv', ';'], ['archive/2019.csv', ';'],
    ]);
    expect(await allRows(manifest, root)).toEqual([
      { region: 'eu', amount: '10', note: 'a;b' },
      { region: 'us', amount: '20', note: '' },
      { region: 'asia', amount: '30', note: 'multi\r\nline' },
      { region: 'old', amount: '1', note: 'archived' },
    ]);
  });

  it('reads JSON Lines from a folder, dropping invalid lines when invalid_lines is drop', async () => {
    const root = path.join(FIXTURES, 'mltable-events');
    const manifest = await partitionInput({ path: root, type: 'mltable' }, kb);
    expect(manifest.kind === 'rows' && manifest.sources).toEqual([
      { path: 'logs/day1.jsonl', format: 'jsonl', invalidLines: 'drop' },
      { path: 'logs/day2.jsonl', format: 'jsonl', invalidLines: 'drop' },
    ]);
    expect(await allRows(manifest, root)).toEqual([{ event: 'start', t: 1 }, { event: 'stop', t: 2 }, { event: 'start', t: 3 }]);
  });

  it('names columns Column1… with no_header, and reads every file as data', async () => {
    const root = await table('paths:\n  - folder: ./\ntransformations:\n  - read_delimited:\n      header: no_header\n', { 'a.csv': '1,2\n3,4\n', 'b.csv': '5,6\n' });
    const manifest = await partitionInput({ path: root, type: 'mltable' }, kb);
    expect(await allRows(manifest, root)).toEqual([{ Column1: '1', Column2: '2' }, { Column1: '3', Column2: '4' }, { Column1: '5', Column2: '6' }]);
  });

  it('takes the header from the first file only with from_first_file', async () => {
    const root = await table('paths:\n  - file: a.csv\n  - file: b.csv\ntransformations:\n  - read_delimited:\n      header: from_first_file\n', { 'a.csv': 'x,y\n1,2\n', 'b.csv': '3,4\n' });
    const manifest = await partitionInput({ path: root, type: 'mltable' }, kb);
    expect(await allRows(manifest, root)).toEqual([{ x: '1', y: '2' }, { x: '3', y: '4' }]);
  });

  it('lets each file have its own header with all_files_different_headers, and refuses different ones by default', async () => {
    const files = { 'a.csv': 'x,y\n1,2\n', 'b.csv': 'p,q\n3,4\n' };
    const different = await table('paths:\n  - folder: .\ntransformations:\n  - read_delimited:\n      header: all_files_different_headers\n', files);
    expect(await allRows(await partitionInput({ path: different, type: 'mltable' }, kb), different)).toEqual([{ x: '1', y: '2' }, { p: '3', q: '4' }]);
    const same = await table(`paths:\n  - folder: .\n${CSV_READER}`, files);
    const err = await validationErrorOf(partitionInput({ path: same, type: 'mltable' }, kb));
    expect(err.issues[0]).toMatchObject({ file: 'b.csv', line: 1, message: expect.stringMatching(/^the header \(p, q\) differs from that of a\.csv \(x, y\); with MLTable header: all_files_same_headers/) });
  });

  it('refuses a file count: an mltable is split by size', async () => {
    const err = await validationErrorOf(partitionInput({ path: EXAMPLE, type: 'mltable' }, { kind: 'files', count: 1 }));
    expect(err.issues).toEqual([{ path: 'mini_batch_size', message: expect.stringMatching(/^"1" is a file count \(the default when mini_batch_size is left out is "1"\), but an mltable input_data is split into rows by size; give a size such as "100kb"/) }]);
  });

  it('refuses a folder without an MLTable file', async () => {
    const root = await tempTree({ 'a.csv': 'x\n1\n' });
    const err = await validationErrorOf(partitionInput({ path: root, type: 'mltable' }, kb));
    expect(err.issues[0]?.message).toMatch(/^an mltable input is a folder holding an MLTable file; .* has none$/);
  });
});

describe('MLTable files this runner cannot read', () => {
  async function issuesOf(mltable: string, files: Record<string, string> = { 'a.csv': 'x\n1\n' }) {
    const root = await table(mltable, files);
    return (await validationErrorOf(partitionInput({ path: root, type: 'mltable' }, kb))).issues;
  }

  it('names the line of an unsupported transformation, and of another file format', async () => {
    expect(await issuesOf('paths:\n  - file: a.csv\ntransformations:\n  - read_delimited: {}\n  - take: 10\n')).toEqual([
      { file: 'MLTable', line: 5, col: 5, path: 'transformations[1].take', message: 'transformation "take" is not supported here; supported: read_delimited, read_json_lines (CSV or JSON Lines, split as they are)' },
    ]);
    expect((await issuesOf('paths:\n  - file: a.csv\ntransformations:\n  - read_parquet: {}\n'))[0]).toMatchObject({ line: 4, message: expect.stringMatching(/^Parquet files cannot be read here/) });
  });

  it('asks for a read transformation when there is none', async () => {
    expect(await issuesOf('paths:\n  - file: a.csv\n')).toEqual([
      { file: 'MLTable', line: 1, col: 1, path: 'transformations', message: 'to split an MLTable into rows it needs a read_delimited (CSV) or read_json_lines transformation' },
    ]);
  });

  it('names the line of a URI, an absolute path and a path that leaves the folder', async () => {
    const issues = await issuesOf(`paths:\n  - file: azureml://datastores/blob/paths/a.csv\n  - folder: /data\n  - pattern: ../*.csv\n${CSV_READER}`);
    expect(issues.map((issue) => [issue.line, issue.path])).toEqual([[2, 'paths[0].file'], [3, 'paths[1].folder'], [4, 'paths[2].pattern']]);
    expect(issues.map((issue) => issue.message)).toEqual([
      '"azureml://datastores/blob/paths/a.csv" is a URI; only paths relative to the MLTable folder are read here (put the data next to the MLTable file)',
      '"/data" is an absolute path; give a path relative to the MLTable folder',
      '"../*.csv" leaves the MLTable folder; paths must stay inside it',
    ]);
  });

  it('names the line of a missing file, an empty folder and a pattern that matches nothing', async () => {
    const root = await table(`paths:\n  - file: missing.csv\n  - folder: empty\n  - pattern: '*.tsv'\n${CSV_READER}`);
    await mkdir(path.join(root, 'empty'));
    const issues = (await validationErrorOf(partitionInput({ path: root, type: 'mltable' }, kb))).issues;
    expect(issues.map((issue) => [issue.line, issue.message])).toEqual([
      [2, 'missing.csv does not exist (or is a symbolic link to nothing)'],
      [3, 'the folder "empty" holds no files'],
      [4, 'the pattern "*.tsv" matches no files'],
    ]);
  });

  it('names the line of a folder entry that is a file, and of a file entry that is a folder', async () => {
    const issues = await issuesOf(`paths:\n  - folder: a.csv\n  - file: sub\n${CSV_READER}`, { 'a.csv': 'x\n1\n', 'sub/b.csv': 'x\n2\n' });
    expect(issues.map((issue) => [issue.line, issue.message])).toEqual([
      [2, '"a.csv" is a file; use file: for a file'],
      [3, '"sub" is not a file; use folder: for a folder'],
    ]);
  });

  it('explains unsupported reader options and suggests fields for typos', async () => {
    const issues = await issuesOf('paths:\n  - file: a.csv\ntransformations:\n  - read_delimited:\n      delimeter: ";"\n      encoding: latin1\n      include_path_column: true\n');
    expect(issues).toEqual([
      { file: 'MLTable', line: 5, col: 7, path: 'transformations[0].read_delimited.delimeter', message: 'unknown field "delimeter" — did you mean "delimiter"?' },
      { file: 'MLTable', line: 6, col: 17, path: 'transformations[0].read_delimited.encoding', message: 'only UTF-8 data is read here (encoding utf8, utf8bom or ascii); convert the files to UTF-8' },
      { file: 'MLTable', line: 7, col: 28, path: 'transformations[0].read_delimited.include_path_column', message: 'adding a path column is not supported here; remove include_path_column or set it to false' },
    ]);
  });

  it('refuses a path entry with two kinds, a wrong header mode, and YAML syntax errors, with their lines', async () => {
    const both = await issuesOf(`paths:\n  - file: a.csv\n    folder: .\n${CSV_READER}`);
    expect(both[0]).toMatchObject({ line: 2, path: 'paths[0]', message: 'each entry of paths has exactly one of file, folder or pattern (got file and folder)' });
    const header = await issuesOf('paths:\n  - file: a.csv\ntransformations:\n  - read_delimited:\n      header: first_row\n');
    expect(header[0]).toMatchObject({ line: 5, message: expect.stringMatching(/^must be one of: all_files_same_headers, .*no_header \(got "first_row"\)/) });
    const syntax = await issuesOf('paths: [\n');
    expect(syntax[0]).toMatchObject({ file: 'MLTable', message: expect.stringMatching(/^YAML syntax error/) });
  });
});
