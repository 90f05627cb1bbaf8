import { type ValidationIssue } from '../../../model/errors';
import { fromZodIssues } from '../../../model/specIssues';
import { inputDataError } from '../errors';
import type { LoadedMLTable } from './loadMLTable';
import { type HeaderMode, ReadDelimited, ReadJsonLines } from './schema';

/** How the MLTable's files are read: its one read transformation. */
export type TableReader =
  | { readonly format: 'csv'; readonly delimiter: string; readonly header: HeaderMode }
  | { readonly format: 'jsonl'; readonly dropInvalid: boolean };

const READERS = ['read_delimited', 'read_json_lines'];
const OTHER_FORMATS: Record<string, string> = { read_parquet: 'Parquet', read_delta_lake: 'Delta Lake' };

/** The read_delimited or read_json_lines step; every other transformation is refused, with its line. */
export function tableReader({ spec, yaml }: LoadedMLTable): TableReader {
  const issues: ValidationIssue[] = [];
  const readers: TableReader[] = [];
  (spec.transformations ?? []).forEach((step, index) => {
    for (const [name, options] of Object.entries(step)) {
      const at = ['transformations', index, name];
      if (!READERS.includes(name)) {
        const why = OTHER_FORMATS[name] === undefined ? `transformation "${name}" is not supported here` : `${OTHER_FORMATS[name]} files cannot be read here`;
        issues.push(yaml.issueAt(at, `${why}; supported: ${READERS.join(', ')} (CSV or JSON Lines, split as they are)`, 'key'));
        continue;
      }
      const reader = parseReader(name, options ?? {});
      if (reader.ok) readers.push(reader.reader);
      else issues.push(...reader.issues.map((issue) => yaml.issueAt([...at, ...issue.path], issue.message, issue.anchor)));
      if (readers.length > 1 && reader.ok) issues.push(yaml.issueAt(at, 'an MLTable has one read transformation; this is a second one', 'key'));
    }
  });
  if (issues.length === 0 && readers.length === 0) {
    const where = spec.transformations === undefined ? yaml.issueAt(['transformations'], '', 'parent') : yaml.issueAt(['transformations'], '');
    issues.push({ ...where, message: 'to split an MLTable into rows it needs a read_delimited (CSV) or read_json_lines transformation' });
  }
  if (issues.length > 0) throw inputDataError(issues);
  return readers[0] as TableReader;
}

type ReaderParse = { ok: true; reader: TableReader } | { ok: false; issues: ReturnType<typeof fromZodIssues> };

function parseReader(name: string, options: unknown): ReaderParse {
  if (name === 'read_delimited') {
    const parsed = ReadDelimited.safeParse(options);
    if (!parsed.success) return { ok: false, issues: fromZodIssues(parsed.error.issues, options) };
    return { ok: true, reader: { format: 'csv', delimiter: parsed.data.delimiter ?? ',', header: parsed.data.header ?? 'all_files_same_headers' } };
  }
  const parsed = ReadJsonLines.safeParse(options);
  if (!parsed.success) return { ok: false, issues: fromZodIssues(parsed.error.issues, options) };
  return { ok: true, reader: { format: 'jsonl', dropInvalid: parsed.data.invalid_lines === 'drop' } };
}
