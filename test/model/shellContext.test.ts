import { describe, it, expect } from 'vitest';
import { ShellScanner } from '../../src/model/shellContext';

function contextAfter(text: string): string {
  const scanner = new ShellScanner();
  scanner.feed(text);
  const context = scanner.context();
  return context.kind === 'unsupported' ? `unsupported: ${context.reason}` : context.kind;
}

describe('ShellScanner', () => {
  it.each([
    ['echo ', 'unquoted'],
    ['echo --x=', 'unquoted'],
    ['echo "a ', 'double-quoted'],
    ["echo 'a ", 'single-quoted'],
    ['echo "it\'s ', 'double-quoted'],
    ["echo 'say \"hi\" ", 'single-quoted'],
    ['echo "a" "b" ', 'unquoted'],
    ['echo \\" ', 'unquoted'],
    ['echo "a \\" b ', 'double-quoted'],
    ['echo $(printf ', 'unquoted'],
    ['echo "$(printf ', 'unquoted'],
    ['echo "$(printf "%s" "', 'double-quoted'],
    ['echo "$(printf \'', 'single-quoted'],
    ['echo "$(echo (a) ) ', 'double-quoted'],
    ['echo $(echo $(echo a)) ', 'unquoted'],
    ['# a comment ', 'comment'],
    ['echo a # trailing ', 'comment'],
    ['echo a#b ', 'unquoted'],
    ['# comment\necho ', 'unquoted'],
    ['echo "# not a comment ', 'double-quoted'],
    ['x=1; echo ', 'unquoted'],
  ])('after %j a value lands %s', (text, expected) => {
    expect(contextAfter(text)).toBe(expected);
  });

  it.each([
    ['echo `cat ', /inside `…` command substitution/],
    ['echo "`cat ', /inside `…` command substitution/],
    ['echo ${X:-', /parameter expansion/],
    ['echo "${X:-', /parameter expansion/],
    ['echo $((1 + ', /arithmetic/],
    ['echo $(echo $((1 + ', /arithmetic/],
    ["echo $'", /\$'…' string/],
    ['echo \\', /after a backslash/],
    ['echo $', /right after "\$"/],
    ['cat <<EOF\n', /here-document/],
    ['cat <<EOF\nbody\nEOF\necho ', /here-document/],
  ])('reports %j as a place no quoting is safe', (text, reason) => {
    expect(contextAfter(text)).toMatch(reason);
  });

  it('returns to unquoted once arithmetic, backticks and expansions close', () => {
    expect(contextAfter('echo $((1 + 2)) ')).toBe('unquoted');
    expect(contextAfter('echo `id` ')).toBe('unquoted');
    expect(contextAfter('echo ${HOME} ')).toBe('unquoted');
    expect(contextAfter('echo ${X:-"a}"} ')).toBe('unquoted');
  });

  it('gives the same signature before and after balanced text, and a different one inside quotes', () => {
    const scanner = new ShellScanner();
    const start = scanner.signature();
    scanner.feed('--flag "x y" \'z\' $(a "b") ');
    expect(scanner.signature()).toBe(start);
    scanner.feed('"open');
    expect(scanner.signature()).not.toBe(start);
  });

  it('treats an inserted value as word text, so a following # is not a comment', () => {
    const scanner = new ShellScanner();
    scanner.feed('echo ');
    scanner.substituted();
    scanner.feed('#');
    expect(scanner.context().kind).toBe('unquoted');
  });
});
