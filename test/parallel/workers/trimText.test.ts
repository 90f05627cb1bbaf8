import { describe, expect, it } from 'vitest';
import { trimText } from '../../../src/parallel/workers/trimText';

describe('trimText', () => {
  it('leaves a short text alone', () => {
    expect(trimText('ValueError: bad row', 100)).toBe('ValueError: bad row');
  });

  it('keeps the head and the tail of a long text, saying how much was left out', () => {
    const text = `Traceback (most recent call last):\n${'  File "x.py", line 1\n'.repeat(500)}ValueError: bad row`;

    const trimmed = trimText(text, 400);

    expect(trimmed.length).toBe(400);
    expect(trimmed.startsWith('Traceback (most recent call last):')).toBe(true);
    expect(trimmed.endsWith('ValueError: bad row')).toBe(true);
    expect(trimmed).toContain(`… ${text.length - 400} characters left out …`);
  });
});
