/**
 * POSIX shell quoting for values substituted into a command line. Each function returns text that,
 * placed in the named quoting context, makes the shell see exactly `value` — one word when the
 * context is unquoted, never splitting, globbing or expanding `$`, backticks or `$( )`.
 * NUL cannot be passed through a shell (argv strings end at NUL), so it is rejected.
 */

function assertNoNul(value: string): void {
  if (value.includes('\0')) throw new RangeError('a shell argument cannot contain a NUL character');
}

/** `it's` → `'it'\''s'`: a single-quoted word; the only character needing care is `'` itself. */
export function shellQuote(value: string): string {
  return `'${quoteInsideSingleQuotes(value)}'`;
}

/** For a value placed between `'…'` the user wrote: close, emit an escaped quote, reopen. */
export function quoteInsideSingleQuotes(value: string): string {
  assertNoNul(value);
  return value.replaceAll("'", `'\\''`);
}

/** For a value placed between `"…"` the user wrote: backslash the four characters special there. */
export function quoteInsideDoubleQuotes(value: string): string {
  assertNoNul(value);
  return value.replace(/[\\$`"]/g, (character) => `\\${character}`);
}

/** For a value placed in a `# comment`: it has no effect there, but a newline would end the comment. */
export function quoteInsideComment(value: string): string {
  assertNoNul(value);
  return value.replace(/[\r\n]/g, ' ');
}

/** A whole argv as one command line, each argument single-quoted. */
export function shellJoin(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
