import { LineCounter, parseAllDocuments, stringify, type Document } from 'yaml';
import { ValidationError, type ValidationIssue } from './errors';
import type { NormalizedJob, NormalizeOptions } from './jobSpec';
import { formatMiniBatchSize } from './miniBatchSize';
import { checkJob } from './parseJob';
import { formatPath, type SpecIssue } from './specIssues';
import { locateInDocument } from './yamlLocate';

/** Job YAML in and out. Pure: callers read and write the files. */

export type JobYamlCheck = { readonly ok: true; readonly job: NormalizedJob } | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

const PARSE_OPTIONS = { uniqueKeys: true, merge: true, prettyErrors: false } as const;

/**
 * Parses, validates and normalizes a job file's text. Every issue carries `file:line:col`: the key
 * of an unknown field, the value of a wrong field, the mapping that lacks a required field, or the
 * place of a YAML syntax error. Issues come sorted by position.
 */
export function checkJobYaml(text: string, fileName: string, options: NormalizeOptions): JobYamlCheck {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter });
  const at = (offset: number | undefined) => (offset === undefined ? {} : lineCounter.linePos(offset));
  const fail = (issues: ValidationIssue[]): JobYamlCheck => ({ ok: false, issues: sortByPosition(issues) });

  if (!Array.isArray(documents) || documents.length === 0) {
    return fail([{ file: fileName, line: 1, col: 1, path: '', message: 'the file is empty; expected a job mapping with type: command or type: parallel' }]);
  }
  const [doc, extra] = documents as [Document.Parsed, ...Document.Parsed[]];
  if (extra !== undefined) {
    return fail([{ file: fileName, ...at(extra.range[0]), path: '', message: 'expected one job per file, found a second YAML document' }]);
  }
  if (doc.errors.length > 0) {
    return fail(doc.errors.map((error) => ({ file: fileName, ...at(error.pos[0]), path: '', message: `YAML syntax error: ${error.message}` })));
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (data === null || data === undefined) {
    return fail([{ file: fileName, ...at(doc.range[0]), path: '', message: 'the file has no content; expected a job mapping with type: command or type: parallel' }]);
  }
  const result = checkJob(data, options);
  if (result.ok) return result;
  return fail(result.issues.map((issue: SpecIssue) => ({
    file: fileName,
    ...at(locateInDocument(doc, issue.path, issue.anchor)),
    path: formatPath(issue.path),
    message: issue.message,
  })));
}

/** Like checkJobYaml, but throws a ValidationError naming the file and every problem. */
export function parseJobYaml(text: string, fileName: string, options: NormalizeOptions): NormalizedJob {
  const result = checkJobYaml(text, fileName, options);
  if (!result.ok) throw new ValidationError(result.issues, { summary: `${fileName} is not a valid job` });
  return result.job;
}

/** YAML that loads back (with parseJobYaml) to exactly `job`. */
export function toYaml(job: NormalizedJob): string {
  return stringify(toWrittenForm(job), { lineWidth: 0, aliasDuplicateObjects: false });
}

/** The normalized job in the form users write: mini_batch_size back to text, derived fields dropped. */
function toWrittenForm(job: NormalizedJob): object {
  if (job.type === 'command') return job;
  const { output_action: _derived, ...written } = job;
  return { ...written, mini_batch_size: formatMiniBatchSize(job.mini_batch_size) }; // keeps the key's place
}

function sortByPosition(issues: ValidationIssue[]): ValidationIssue[] {
  return [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}
