import { describe, expect, it } from 'vitest';
import { LastLines, LineSplitter } from '../../../src/parallel/workers/lines';

describe('LineSplitter', () => {
  it('hands over whole lines however the text is chunked, without \\n or \\r\\n', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));

    for (const chunk of ['fir', 'st\nsec', 'ond\r\n', '\nthi', 'rd']) splitter.push(chunk);

    expect(lines).toEqual(['first', 'second', '']);
  });

  it('hands over a last line without newline at the end, once', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));

    splitter.push('done\nno newline');
    splitter.end();
    splitter.end();

    expect(lines).toEqual(['done', 'no newline']);
  });
});

describe('LastLines', () => {
  it('keeps only the most recent lines', () => {
    const tail = new LastLines(2);

    for (const line of ['a', 'b', 'c']) tail.add(line);

    expect(tail.all).toEqual(['b', 'c']);
  });
});
