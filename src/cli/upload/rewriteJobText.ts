import { parseDocument } from 'yaml';

/** A value of the job document to replace, by its path there. */
export interface Replacement {
  readonly at: readonly string[];
  readonly value: string;
}

/**
 * The job file's text with values replaced — YAML keeps its comments and layout; JSON (a `.json`
 * file) is written as JSON.
 */
export function rewriteJobText(text: string, replacements: readonly Replacement[], asJson: boolean): string {
  const document = parseDocument(text);
  for (const { at, value } of replacements) document.setIn([...at], value);
  return asJson ? `${JSON.stringify(document.toJS(), null, 2)}\n` : document.toString();
}
