import { LineCounter, parseDocument, type Document } from 'yaml';
import type { ValidationIssue } from '../../../model/errors';
import { formatPath, type IssueAnchor } from '../../../model/specIssues';
import { locateInDocument } from '../../../model/yamlLocate';

/** A parsed YAML file that can say where a field path is: file, line and column for each issue. */
export interface LocatedYaml {
  readonly data: unknown;
  readonly syntaxIssues: readonly ValidationIssue[];
  issueAt(path: readonly PropertyKey[], message: string, anchor?: IssueAnchor): ValidationIssue;
}

export function parseLocatedYaml(text: string, fileName: string): LocatedYaml {
  const lineCounter = new LineCounter();
  const doc: Document.Parsed = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter });
  const at = (offset: number | undefined) => (offset === undefined ? {} : lineCounter.linePos(offset));
  const syntaxIssues = doc.errors.map((error) => ({ file: fileName, ...at(error.pos[0]), path: '', message: `YAML syntax error: ${error.message}` }));
  return {
    data: syntaxIssues.length > 0 ? undefined : doc.toJS({ maxAliasCount: 100 }),
    syntaxIssues,
    issueAt: (path, message, anchor = 'value') => ({ file: fileName, ...at(locateInDocument(doc, path, anchor)), path: formatPath(path), message }),
  };
}
