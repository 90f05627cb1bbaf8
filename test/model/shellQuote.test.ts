import { describe, it, expect } from 'vitest';
import { quoteInsideComment, quoteInsideDoubleQuotes, quoteInsideSingleQuotes, shellJoin, shellQuote } from '../../src/model/shellQuote';
import { HOSTILE_VALUES, runWithArgs, SHELLS } from './shellHarness';

describe('shellQuote', () => {
  it('wraps a value in single quotes and escapes embedded single quotes as \'\\\'\'', () => {
    expect(shellQuote('plain')).toBe("'plain'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('')).toBe("''");
  });

  it('leaves every other character untouched, since nothing but a quote ends a single-quoted string', () => {
    expect(shellQuote('$(id) `id` "x" \\ * \n')).toBe("'$(id) `id` \"x\" \\ * \n'");
  });

  for (const shell of SHELLS) {
    it(`delivers each hostile value to ${shell} as exactly one argument, unchanged`, () => {
      for (const value of HOSTILE_VALUES) {
        expect(runWithArgs(`args ${shellQuote(value)}`, shell), JSON.stringify(value.slice(0, 40))).toBe(`1:[${value}]\n`);
      }
    });

    it(`keeps values apart when ${shell} receives many of them joined`, () => {
      const output = runWithArgs(`args ${shellJoin(HOSTILE_VALUES)}`, shell);
      expect(output).toBe(`${HOSTILE_VALUES.length}:${HOSTILE_VALUES.map((value) => `[${value}]`).join('')}\n`);
    });
  }

  it('rejects NUL, which no shell argument can carry', () => {
    expect(() => shellQuote('a\0b')).toThrow(RangeError);
    expect(() => shellQuote('a\0b')).toThrow(/NUL/);
    expect(() => quoteInsideSingleQuotes('\0')).toThrow(/NUL/);
    expect(() => quoteInsideDoubleQuotes('\0')).toThrow(/NUL/);
    expect(() => quoteInsideComment('\0')).toThrow(/NUL/);
  });
});

describe('quoting inside quotes the user wrote', () => {
  for (const shell of SHELLS) {
    it(`keeps a value literal between the user's double quotes in ${shell}`, () => {
      for (const value of HOSTILE_VALUES) {
        expect(runWithArgs(`args "<${quoteInsideDoubleQuotes(value)}>"`, shell), JSON.stringify(value.slice(0, 40))).toBe(`1:[<${value}>]\n`);
      }
    });

    it(`keeps a value literal between the user's single quotes in ${shell}`, () => {
      for (const value of HOSTILE_VALUES) {
        expect(runWithArgs(`args '<${quoteInsideSingleQuotes(value)}>'`, shell), JSON.stringify(value.slice(0, 40))).toBe(`1:[<${value}>]\n`);
      }
    });

    it(`cannot end a comment early in ${shell}, because line breaks become spaces`, () => {
      for (const value of HOSTILE_VALUES) {
        expect(runWithArgs(`# ${quoteInsideComment(value)}\nargs done`, shell)).toBe('1:[done]\n');
      }
    });
  }

  it('backslash-escapes exactly the four characters special inside double quotes', () => {
    expect(quoteInsideDoubleQuotes('$ ` " \\ \' * ~')).toBe('\\$ \\` \\" \\\\ \' * ~');
  });
});
