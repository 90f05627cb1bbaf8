import { LineCounter, parseAllDocuments, stringify, type Document } from 'yaml';
import { ValidationError, type ValidationIssue } from '../../model/errors';
import { formatPath } from '../../model/specIssues';
import { locateInDocument } from '../../model/yamlLocate';
import { checkSchedule } from './parseSchedule';
import type { NormalizedSchedule } from './scheduleSpec';

/** Schedule YAML in and out, with `file:line:col` on every problem, as for jobs. Pure: callers read and write files. */

export type ScheduleYamlCheck = { readonly ok: true; readonly schedule: NormalizedSchedule } | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

const PARSE_OPTIONS = { uniqueKeys: true, merge: true, prettyErrors: false } as const;

/** One YAML document as data, or the issues (with positions) that keep it from being one. */
export function readYamlDocument(text: string, fileName: string): { ok: true; data: unknown; doc: Document.Parsed; at: (offset: number | undefined) => { line?: number; col?: number } } | { ok: false; issues: ValidationIssue[] } {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter });
  const at = (offset: number | undefined) => (offset === undefined ? {} : lineCounter.linePos(offset));
  if (!Array.isArray(documents) || documents.length === 0) return { ok: false, issues: [{ file: fileName, line: 1, col: 1, path: '', message: 'the file is empty; expected a schedule mapping with name, trigger and create_job' }] };
  const [doc, extra] = documents as [Document.Parsed, ...Document.Parsed[]];
  if (extra !== undefined) return { ok: false, issues: [{ file: fileName, ...at(extra.range[0]), path: '', message: 'expected one schedule per file, found a second YAML document' }] };
  if (doc.errors.length > 0) return { ok: false, issues: doc.errors.map((error) => ({ file: fileName, ...at(error.pos[0]), path: '', message: `YAML syntax error: ${error.message}` })) };
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (data === null || data === undefined) return { ok: false, issues: [{ file: fileName, ...at(doc.range[0]), path: '', message: 'the file has no content; expected a schedule mapping with name, trigger and create_job' }] };
  return { ok: true, data, doc, at };
}

/**
 * Parses and validates a schedule file's text. `inline` may replace `create_job` (the CLI puts the
 * job file a path names there) before validation; problems inside such a job are reported by the
 * caller against the job file.
 */
export function checkScheduleYaml(text: string, fileName: string, inline?: (data: Record<string, unknown>) => Record<string, unknown>): ScheduleYamlCheck {
  const read = readYamlDocument(text, fileName);
  if (!read.ok) return read;
  const data = inline && isMapping(read.data) ? inline(read.data) : read.data;
  const result = checkSchedule(data);
  if (result.ok) return result;
  const issues = result.issues.map((issue) => ({ file: fileName, ...read.at(locateInDocument(read.doc, issue.path, issue.anchor)), path: formatPath(issue.path), message: issue.message }));
  return { ok: false, issues: issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0)) };
}

export function parseScheduleYaml(text: string, fileName: string): NormalizedSchedule {
  const result = checkScheduleYaml(text, fileName);
  if (!result.ok) throw new ValidationError(result.issues, { summary: `${fileName} is not a valid schedule` });
  return result.schedule;
}

/** YAML that loads back (with parseScheduleYaml) to `schedule`. */
export function scheduleToYaml(schedule: NormalizedSchedule): string {
  return stringify(schedule, { lineWidth: 0, aliasDuplicateObjects: false });
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
