import { execFileSync } from 'node:child_process';

/** The shells the quoting must hold in: POSIX dash (/bin/sh here) and bash. */
export const SHELLS = ['/bin/sh', '/bin/bash'] as const;

/**
 * Defines `args` — prints the argument count, then each argument in brackets — and runs
 * `command` after it, returning stdout. `args ${{inputs.v}}` printing `1:[v]` proves the value
 * arrived as exactly one argument, unchanged.
 */
export function runWithArgs(command: string, shell: string = '/bin/sh'): string {
  const prelude = `args() { printf '%d:' "$#"; for a in "$@"; do printf '[%s]' "$a"; done; printf '\\n'; }\n`;
  return execFileSync(shell, ['-c', prelude + command], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: '/nonexistent-home' } });
}

/** Values a hostile or careless user could pass. None may split, expand or execute. */
export const HOSTILE_VALUES: readonly string[] = [
  'x; rm -rf /',
  "it's",
  "'",
  "''",
  "'\\''",
  '"double" quotes',
  '\\',
  'back\\slash\\n',
  'line one\nline two',
  'trailing newline\n',
  '\n',
  'carriage\r\nreturn',
  '$(id)',
  '`id`',
  '$HOME ${HOME} $((1+1)) $$ $? $0 $@ $*',
  "$'\\x41'",
  '*',
  '?',
  '[a-z]*',
  '~',
  '~root/x',
  '{a,b}',
  '',
  ' ',
  'a  b\tc',
  '-n',
  '--help',
  '!! !$ !-1',
  '# not a comment',
  '& | ; < > ( ) >out 2>&1',
  'Zoë O\'Brien — 日本語 🚀 \u202Eevil\u202C e\u0301',
  'x'.repeat(10_000),
];
