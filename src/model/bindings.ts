import { ValidationError } from './errors';
import { ShellScanner, type QuotingContext } from './shellContext';
import { quoteInsideComment, quoteInsideDoubleQuotes, quoteInsideSingleQuotes, shellQuote } from './shellQuote';
import { didYouMean, listOf } from './suggest';
import { type BindingRef, formatRef, parseTemplate, type TemplateSegment } from './template';

/**
 * Checking and expanding command templates: every reference declared, optional inputs only inside
 * `$[[ … ]]`, and each substituted value quoted for the shell context it lands in.
 */

/** What a template may refer to: declared names, and which inputs are `optional: true`. */
export interface DeclaredPorts {
  readonly inputs: readonly string[];
  readonly optionalInputs: readonly string[];
  readonly outputs: readonly string[];
}

/** Why a reference does not resolve, naming the closest declared port; undefined when it does. */
export function undeclaredRefMessage(ref: BindingRef, ports: DeclaredPorts): string | undefined {
  const declared = ref.kind === 'inputs' ? ports.inputs : ports.outputs;
  if (declared.includes(ref.name)) return undefined;
  const singular = ref.kind === 'inputs' ? 'input' : 'output';
  const hint = declared.length === 0 ? `; the job declares no ${ref.kind}` : didYouMean(ref.name, declared) || `; declared ${ref.kind}: ${listOf(declared)}`;
  return `${formatRef(ref)} refers to ${singular} "${ref.name}", which is not declared${hint}`;
}

/**
 * Everything wrong with a command template: syntax, undeclared references, optional inputs used
 * outside `$[[ … ]]`, blocks that could never be dropped, and references in shell contexts where
 * no quoting is safe. Empty when the template is fine.
 */
export function checkTemplate(template: string, ports: DeclaredPorts): string[] {
  const parsed = parseTemplate(template);
  if (!parsed.ok) return [parsed.error];
  const problems: string[] = [];
  const scanner = new ShellScanner();
  const visitRef = (segment: Extract<TemplateSegment, { kind: 'ref' }>, inBlock: boolean) => {
    const undeclared = undeclaredRefMessage(segment.ref, ports);
    if (undeclared) problems.push(undeclared);
    else if (!inBlock && segment.ref.kind === 'inputs' && ports.optionalInputs.includes(segment.ref.name)) {
      problems.push(`input "${segment.ref.name}" is optional, so ${segment.raw} must be inside an optional block: $[[ … ${segment.raw} … ]]`);
    }
    const context = scanner.context();
    if (context.kind === 'unsupported') problems.push(`${segment.raw} cannot be quoted safely ${context.reason}`);
    scanner.substituted();
  };

  for (const part of parsed.parts) {
    if (part.kind === 'text') scanner.feed(part.text);
    else if (part.kind === 'ref') visitRef(part, false);
    else {
      const before = scanner.signature();
      for (const segment of part.segments) {
        if (segment.kind === 'text') scanner.feed(segment.text);
        else visitRef(segment, true);
      }
      const refs = part.segments.flatMap((segment) => (segment.kind === 'ref' ? [segment.ref] : []));
      const usesOptional = refs.some((ref) => ref.kind === 'inputs' && ports.optionalInputs.includes(ref.name));
      const allDeclared = refs.every((ref) => undeclaredRefMessage(ref, ports) === undefined);
      if (!usesOptional && allDeclared) {
        problems.push(`optional block ${part.raw} uses no optional input, so it would always be kept; mark one of its inputs "optional: true" or remove the $[[ ]]`);
      }
      if (scanner.signature() !== before) {
        problems.push(`optional block ${part.raw} opens quotes or a substitution it does not close; dropping it would change the rest of the command`);
      }
    }
  }
  return problems;
}

export type BindingValue = string | number | boolean;

/** Values for a template's references; an input left undefined has no value (its optional blocks are dropped). */
export interface BindingValues {
  readonly inputs?: Readonly<Record<string, BindingValue | undefined>>;
  readonly outputs?: Readonly<Record<string, string | undefined>>;
}

/** How a literal appears on the command line; booleans as Python spells them, like Azure ML. */
export function formatBindingValue(value: BindingValue): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}

function quoteFor(context: QuotingContext, value: string, raw: string): string {
  switch (context.kind) {
    case 'unquoted':
      return shellQuote(value);
    case 'single-quoted':
      return quoteInsideSingleQuotes(value);
    case 'double-quoted':
      return quoteInsideDoubleQuotes(value);
    case 'comment':
      return quoteInsideComment(value);
    case 'unsupported':
      throw new ValidationError([{ path: '', message: `${raw} cannot be quoted safely ${context.reason}` }]);
  }
}

/**
 * Expands a command template into a shell command line. The template's own text is the user's
 * shell code and is kept as written; each substituted value is quoted for the context it lands in,
 * so it reaches the program as exactly the given characters. Optional blocks are kept only when
 * every input they use has a value. A required reference without a value is a ValidationError.
 */
export function expandCommand(template: string, values: BindingValues): string {
  const parsed = parseTemplate(template);
  if (!parsed.ok) throw new ValidationError([{ path: '', message: parsed.error }]);
  const lookup = (ref: BindingRef) => (ref.kind === 'inputs' ? values.inputs?.[ref.name] : values.outputs?.[ref.name]);
  const scanner = new ShellScanner();
  let command = '';
  const emit = (segment: TemplateSegment) => {
    if (segment.kind === 'text') {
      scanner.feed(segment.text);
      command += segment.text;
      return;
    }
    const value = lookup(segment.ref);
    if (value === undefined) throw new ValidationError([{ path: '', message: `${segment.raw} has no value and is not inside an optional block $[[ … ]]` }]);
    const text = formatBindingValue(value);
    if (text.includes('\0')) throw new ValidationError([{ path: '', message: `the value for ${segment.raw} contains a NUL character, which cannot be passed to a command` }]);
    command += quoteFor(scanner.context(), text, segment.raw);
    scanner.substituted();
  };

  for (const part of parsed.parts) {
    if (part.kind !== 'optional') emit(part);
    else if (part.segments.every((segment) => segment.kind === 'text' || lookup(segment.ref) !== undefined)) part.segments.forEach(emit);
  }
  return command;
}
