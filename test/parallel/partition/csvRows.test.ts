import { describe, expect, it } from 'vitest';
import { type MiniBatchManifest, partitionInput, readMiniBatch } from '../../../src/parallel/partition';
import { readAllBatches, splitFile } from './splitFile';
import { tempTree, validationErrorOf } from './tempTree';

function rangesOf(manifest: MiniBatchManifest) {
  return manifest.kind === 'rows' ? manifest.batches : [];
}

describe('partitioning a CSV file by size', () => {
  it('does not count the header as a row, and gives every batch the column names', async () => {
    const { manifest, batches } = await splitFile('table.csv', 'name,score\nann,1\nbob,2\ncy,3\n', 8);
    expect(manifest).toEqual({
      version: 1,
      kind: 'rows',
      sources: [{ path: '.', format: 'csv', columns: ['name', 'score'] }],
      batches: [
        { source: 0, start: 11, end: 17, rows: 1, line: 2 },
        { source: 0, start: 17, end: 23, rows: 1, line: 3 },
        { source: 0, start: 23, end: 28, rows: 1, line: 4 },
      ],
    });
    expect(batches).toEqual([[{ name: 'ann', score: '1' }], [{ name: 'bob', score: '2' }], [{ name: 'cy', score: '3' }]]);
  });

  it('fills a batch up to the size without going over it, and makes a row larger than the size a batch of its own', async () => {
    const big = 'x'.repeat(50);
    const { manifest, batches } = await splitFile('table.csv', `v\n1\n2\n3\n${big}\n4\n5\n`, 6);
    expect(rangesOf(manifest).map((batch) => batch.rows)).toEqual([3, 1, 2]);
    expect(rangesOf(manifest).map((batch) => batch.end - batch.start)).toEqual([6, 51, 4]);
    expect(batches.flat()).toEqual(['1', '2', '3', big, '4', '5'].map((v) => ({ v })));
  });

  it('reads quoted fields holding the delimiter, quotes and line breaks as one value', async () => {
    const { batches } = await splitFile('table.csv', 'id,text\n1,"a, b"\n2,"say ""hi"""\n3,"two\nlines"\n4,"three\r\nlines\nhere"\n', 10);
    expect(batches.flat()).toEqual([
      { id: '1', text: 'a, b' },
      { id: '2', text: 'say "hi"' },
      { id: '3', text: 'two\nlines' },
      { id: '4', text: 'three\r\nlines\nhere' },
    ]);
  });

  it('handles CRLF and mixed line endings, a BOM, blank lines, and a last row without a line break', async () => {
    const content = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,b\r\n1,2\r\n\r\n\n3,4\n5,6\r\n\n7,8')]);
    const { manifest, batches } = await splitFile('table.csv', content, 5);
    expect(manifest.kind === 'rows' && manifest.sources[0]?.columns).toEqual(['a', 'b']);
    expect(batches.flat()).toEqual([{ a: '1', b: '2' }, { a: '3', b: '4' }, { a: '5', b: '6' }, { a: '7', b: '8' }]);
    expect(rangesOf(manifest).at(-1)?.end).toBe(content.length);
    expect(rangesOf(manifest).map((batch) => batch.line)).toEqual([2, 3, 6, 7]); // where each range starts, blank lines included
  });

  it('keeps values as the strings written: numbers are not converted and an empty field is ""', async () => {
    const { batches } = await splitFile('table.csv', 'n,empty,pad\n007,, x \n', 1024);
    expect(batches).toEqual([[{ n: '007', empty: '', pad: ' x ' }]]);
  });

  it('names columns as pandas does: empty header cells "Unnamed: i", repeats ".1", ".2"', async () => {
    const { manifest, batches } = await splitFile('table.csv', ',a,a,b,a\n0,1,2,3,4\n', 1024);
    expect(manifest.kind === 'rows' && manifest.sources[0]?.columns).toEqual(['Unnamed: 0', 'a', 'a.1', 'b', 'a.2']);
    expect(batches[0]).toEqual([{ 'Unnamed: 0': '0', a: '1', 'a.1': '2', b: '3', 'a.2': '4' }]);
  });

  it('refuses a row with another number of fields than the header, with the file and line', async () => {
    const err = await validationErrorOf(splitFile('bad.csv', 'a,b,c\n1,2,3\n\n"x\ny",2\n', 1024));
    expect(err.issues).toEqual([{ path: 'input_data', file: 'bad.csv', line: 5, message: 'expected 3 fields (a, b, c), found 2' }]);
  });

  it('refuses broken quoting with the file and line', async () => {
    const unclosed = await validationErrorOf(splitFile('q.csv', 'a,b\n1,2\n3,"open\n4,5\n', 1024));
    expect(unclosed.issues[0]).toMatchObject({ path: 'input_data', file: 'q.csv', line: 4, message: expect.stringMatching(/^not valid CSV: Quote Not Closed/) });
    const stray = await validationErrorOf(splitFile('q.csv', 'a,b\n1,"x"y\n', 1024));
    expect(stray.issues[0]).toMatchObject({ file: 'q.csv', line: 2, message: expect.stringMatching(/^not valid CSV: Invalid Closing Quote/) });
  });

  it('refuses a file with only a header: there are no rows to process', async () => {
    const err = await validationErrorOf(splitFile('table.csv', 'a,b\n', 1024));
    expect(err.issues[0]?.message).toBe('there are no rows to process: the file is empty or has only a header');
  });

  it('reads a batch from its byte range only, and says so when the file changed since', async () => {
    const { manifest, file } = await splitFile('table.csv', 'v\n1\n2\n3\n4\n', 4);
    await (await import('node:fs/promises')).writeFile(file, 'v\n1\n2\n3,3\n4\n');
    await expect(readMiniBatch(manifest, file, 1)).rejects.toThrow(/table\.csv:4.*the file changed after the input was partitioned/);
    await (await import('node:fs/promises')).writeFile(file, 'v\n1\n');
    await expect(readMiniBatch(manifest, file, 1)).rejects.toThrow(/ends at byte 6, before the end of the mini-batch range \[6, 10\)/);
  });
});

describe('partitioning a uri_folder of tables by size', () => {
  it('takes its CSV and JSON Lines files in byte order, each with its own header, ignoring other files', async () => {
    const root = await tempTree({
      'b.csv': 'x,y\n1,2\n',
      'a/part-0.jsonl': '{"k":1}\n{"k":2}\n',
      'a/part-1.JSON': '{"k":3}\n',
      'c.CSV': 'z\n9\n',
      '_SUCCESS': '',
      'notes.md': '# not data',
    });
    const manifest = await partitionInput({ path: root, type: 'uri_folder' }, { kind: 'bytes', bytes: 1024 });
    expect(manifest.kind === 'rows' && manifest.sources).toEqual([
      { path: 'a/part-0.jsonl', format: 'jsonl' },
      { path: 'a/part-1.JSON', format: 'jsonl' },
      { path: 'b.csv', format: 'csv', columns: ['x', 'y'] },
      { path: 'c.CSV', format: 'csv', columns: ['z'] },
    ]);
    const rows = await readAllBatches(manifest, root);
    expect(rows).toEqual([[{ k: 1 }, { k: 2 }], [{ k: 3 }], [{ x: '1', y: '2' }], [{ z: '9' }]]);
  });

  it('never lets a batch cross from one file into the next', async () => {
    const root = await tempTree({ '1.csv': 'v\na\n', '2.csv': 'v\nb\nc\n', '3.csv': 'v\nd\n' });
    const manifest = await partitionInput({ path: root, type: 'uri_folder' }, { kind: 'bytes', bytes: 1024 });
    expect(rangesOf(manifest).map((batch) => [batch.source, batch.rows])).toEqual([[0, 1], [1, 2], [2, 1]]);
  });
});
