import { describe, expect, it } from 'vitest';
import { lastLinesStart, readLogTail } from '../../src/api/logTail';
import { MemoryArtifactStore } from '../../src/adapters/memory/memoryArtifactStore';

const bytes = (text: string) => Buffer.from(text);

describe('lastLinesStart', () => {
  it('counts the last line whether or not it ends with a newline', () => {
    expect(lastLinesStart(bytes('a\nb\nc\n'), 2)).toBe(2);
    expect(lastLinesStart(bytes('a\nb\nc'), 2)).toBe(2);
    expect(lastLinesStart(bytes('a\nb\nc'), 1)).toBe(4);
  });

  it('is undefined when the data may not hold enough lines, and the end for zero lines', () => {
    expect(lastLinesStart(bytes('a\nb\n'), 2)).toBeUndefined();
    expect(lastLinesStart(bytes(''), 1)).toBeUndefined();
    expect(lastLinesStart(bytes('a\nb\n'), 0)).toBe(4);
  });
});

describe('readLogTail', () => {
  it('reads further back until it has the lines asked for, and returns where they start', async () => {
    const artifacts = new MemoryArtifactStore();
    const lines = Array.from({ length: 2000 }, (_, i) => `line ${i} ${'x'.repeat(40)}\n`);
    await artifacts.appendLog('job-1', 'user_logs/std_log.txt', bytes(lines.join('')));
    const tail = await readLogTail(artifacts, 'job-1', 'user_logs/std_log.txt', 500);
    expect(tail?.data.toString()).toBe(lines.slice(-500).join(''));
    expect(tail?.size).toBe(Buffer.byteLength(lines.join('')));
    expect(tail?.start).toBe(tail!.size - tail!.data.length);
  });

  it('returns the whole log when it has fewer lines, and undefined when there is no log', async () => {
    const artifacts = new MemoryArtifactStore();
    await artifacts.appendLog('job-1', 'std.txt', bytes('only\nthese'));
    expect((await readLogTail(artifacts, 'job-1', 'std.txt', 10))?.data.toString()).toBe('only\nthese');
    expect(await readLogTail(artifacts, 'job-1', 'other.txt', 10)).toBeUndefined();
  });
});
