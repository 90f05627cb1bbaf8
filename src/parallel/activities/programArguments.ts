import { parse } from 'shell-quote';
import { expandCommand, ValidationError, type BindingValues } from '../../model';

/**
 * `program_arguments` as the entry script's argv: bindings expanded (each value quoted, so it stays
 * one word whatever it holds), then split into words as a POSIX shell would — but never run by
 * one: shell operators, globs and substitutions are refused, not interpreted.
 */
export function programArgv(template: string | undefined, values: BindingValues): string[] {
  if (template === undefined || template.trim() === '') return [];
  const expanded = expandCommand(template, values);
  const words = parse(expanded, (name) => `$${name}`);
  return words.map((word) => {
    if (typeof word === 'string') return word;
    const what = 'op' in word ? (word.op === 'glob' ? `the glob ${JSON.stringify(word.pattern)}` : `the shell operator ${JSON.stringify(word.op)}`) : 'a comment';
    throw new ValidationError([{ path: 'task.program_arguments', message: `contains ${what}; program arguments are passed to the entry script as words, not run by a shell — quote it` }], { summary: 'invalid program_arguments' });
  });
}
