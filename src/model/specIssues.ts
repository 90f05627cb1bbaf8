import type { z } from 'zod';
import type { ValidationIssue } from './errors';
import { closestMatch, didYouMean, listOf } from './suggest';
import { knownFieldsFor, unknownFieldMessage } from './unknownFields';

/**
 * Turns zod issues into messages a person writing YAML can act on: the field path, what is wrong,
 * and what would be accepted. Each issue also says which YAML node to point at: the key (unknown
 * fields), the value (wrong values), or the parent mapping (missing fields).
 */

export type IssueAnchor = 'key' | 'value' | 'parent';

export interface SpecIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly anchor: IssueAnchor;
}

type ZodIssue = z.core.$ZodIssue;

/** Converts the issues of a failed parse of `input`. */
export function fromZodIssues(issues: readonly ZodIssue[], input: unknown): SpecIssue[] {
  const converted = issues.flatMap((issue) => convert(issue, [], input));
  // `comand: …` yields both "unknown field comand — did you mean command?" and "missing command";
  // the first says it all.
  const suggested = new Set(converted.flatMap((issue) => (issue.suggests === undefined ? [] : [formatPath(issue.suggests)])));
  return converted
    .filter((issue) => !(issue.missing && suggested.has(formatPath(issue.path))))
    .map(({ path, message, anchor }) => ({ path, message, anchor }));
}

interface ConvertedIssue extends SpecIssue {
  /** A field the user probably meant (unknown-field issues). */
  readonly suggests?: readonly PropertyKey[];
  /** The issue reports a missing field. */
  readonly missing?: boolean;
}

/** `inputs.data.mode`, `tags["team.name"]`, `services.ssh.nodes[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text;
}

/** Issues without source positions (JSON bodies, queue messages). */
export function toValidationIssues(issues: readonly SpecIssue[]): ValidationIssue[] {
  return issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/** The value at `path` inside `root`, or undefined where the path leaves the data. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** `"abc"`, `42`, `a list`, `a mapping`, `null` — for "got …" in messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

const TYPE_NAMES: Record<string, string> = {
  int: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'a mapping',
  record: 'a mapping',
  array: 'a list',
  null: 'null',
  never: 'nothing',
};

function convert(issue: ZodIssue, prefix: readonly PropertyKey[], root: unknown): ConvertedIssue[] {
  const path = [...prefix, ...issue.path];
  const value = valueAt(root, path);
  const at = (message: string, anchor: IssueAnchor = 'value'): ConvertedIssue[] => [{ path, message, anchor }];
  const missing = (what: string): ConvertedIssue[] => [{ path, message: `missing required field "${String(path[path.length - 1] ?? '')}" (${what})`, anchor: 'parent', missing: true }];

  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownFieldsFor(issue.keys);
      return issue.keys.map((key) => {
        const match = closestMatch(key, known);
        return { path: [...path, key], message: unknownFieldMessage(key, known), anchor: 'key' as const, ...(match !== undefined && { suggests: [...path, match] }) };
      });
    }
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      if (value === undefined) return missing(expected);
      const hint = issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean') ? `; quote it to make it a string: "${String(value)}"` : '';
      return at(`expected ${expected}, got ${describeValue(value)}${hint}`);
    }
    case 'invalid_value': {
      if (issue.values.length === 1) return at(`must be ${describeValue(issue.values[0])}, got ${describeValue(value)}`);
      const suggestion = typeof value === 'string' ? didYouMean(value, issue.values.map(String)) : '';
      return at(`must be one of: ${listOf(issue.values)} (got ${describeValue(value)})${suggestion}`);
    }
    case 'invalid_union':
      return convertUnion(issue, path, value, root);
    case 'invalid_key': {
      const key = path[path.length - 1];
      const reasons = issue.issues.map((inner) => inner.message).join('; ');
      return at(`invalid name ${JSON.stringify(String(key))}: ${reasons}`, 'key');
    }
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return at('must not be empty');
      return at(`must be ${issue.inclusive === false ? 'greater than' : 'at least'} ${issue.minimum}, got ${describeValue(value)}`);
    case 'too_big':
      return at(`must be ${issue.inclusive === false ? 'less than' : 'at most'} ${issue.maximum}, got ${describeValue(value)}`);
    case 'not_multiple_of':
      return at(`must be a multiple of ${issue.divisor}, got ${describeValue(value)}`);
    case 'invalid_format':
      return at(`${issue.message} (got ${describeValue(value)})`);
    case 'custom': {
      const anchor = (issue.params?.['at'] as IssueAnchor | undefined) ?? 'value';
      return [{ path, message: issue.message, anchor, missing: anchor === 'parent' }];
    }
    default:
      return at(issue.message);
  }
}

function convertUnion(issue: Extract<ZodIssue, { code: 'invalid_union' }>, path: PropertyKey[], value: unknown, root: unknown): ConvertedIssue[] {
  const missing = (what: string): ConvertedIssue[] => [{ path, message: `missing required field "${String(path[path.length - 1] ?? '')}"; ${what}`, anchor: 'parent', missing: true }];
  if (issue.discriminator !== undefined && 'options' in issue) {
    const options = (issue.options ?? []).filter((option) => option !== null && option !== undefined);
    const accepted = `one of: ${listOf(options)}`;
    if (value === undefined) return missing(`expected ${accepted}`);
    const suggestion = typeof value === 'string' ? didYouMean(value, options.map(String)) : '';
    return [{ path, message: `unknown ${issue.discriminator} ${describeValue(value)}; expected ${accepted}${suggestion}`, anchor: 'value' }];
  }
  // A plain union (literal-or-mapping and the like): report the branch that matched the value's
  // shape, i.e. the one that did not reject the value itself as the wrong type.
  const rejectsShape = (inner: ZodIssue) => inner.path.length === 0 && (inner.code === 'invalid_type' || inner.code === 'invalid_union');
  const plausible = issue.errors.filter((branch) => !branch.some(rejectsShape));
  const [branch] = plausible;
  if (plausible.length === 1 && branch !== undefined) return branch.flatMap((inner) => convert(inner, path, root));
  if (value === undefined) return missing(issue.message);
  return [{ path, message: `${issue.message}, got ${describeValue(value)}`, anchor: 'value' }];
}
