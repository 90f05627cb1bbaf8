import { ValidationError } from './errors';
import { ShellScanner, type QuotingContext } from './shellContext';
import { quoteInsideComment, quoteInsideDoubleQuotes, quoteInsideSingleQuotes, shellQuote } from './shellQuote';
import { didYouMean, listOf } from './suggest';

/**
 * Binding expressions in commands: `${{inputs.NAME}}`, `${{outputs.NAME}}`, and optional blocks
 * `$[[ … ]]` that are dropped when an input used inside them has no value.
 */

export type PortKind = 'inputs' | 'outputs';

export interface BindingRef {
  readonly kind: PortKind;
  readonly name: string;
}

export type TemplateSegment =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'ref'; readonly ref: BindingRef; readonly raw: string };

export type TemplatePart = TemplateSegment | { readonly kind: 'optional'; readonly segments: readonly TemplateSegment[]; readonly raw: string };

export type ParsedTemplate = { readonly ok: true; readonly parts: readonly TemplatePart[] } | { readonly ok: false; readonly error: string };

const REF = /^\s*(inputs|outputs)\.([A-Za-z_][A-Za-z0-9_]*)\s*$/;
const EXPRESSION_OPEN = '${{';
const BLOCK_OPEN = '$[[';
const BLOCK_CLOSE = ']]';

/** Splits a template into literal text, references and optional blocks. */
export function parseTemplate(template: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  let block: { segments: TemplateSegment[]; start: number } | undefined;
  let text = '';
  const flushText = () => {
    if (text !== '') (block ? block.segments : parts).push({ kind: 'text', text });
    text = '';
  };

  for (let index = 0; index < template.length; ) {
    if (template.startsWith(EXPRESSION_OPEN, index)) {
      const end = template.indexOf('}}', index + EXPRESSION_OPEN.length);
      if (end < 0) return { ok: false, error: `${snippet(template, index)} is never closed with "}}"` };
      const raw = template.slice(index, end + 2);
      const match = REF.exec(template.slice(index + EXPRESSION_OPEN.length, end));
      if (!match) return { ok: false, error: `unsupported expression ${raw}: only \${{inputs.<name>}} and \${{outputs.<name>}} are supported` };
      flushText();
      const segment: TemplateSegment = { kind: 'ref', ref: { kind: match[1] as PortKind, name: match[2] as string }, raw };
      (block ? block.segments : parts).push(segment);
      index = end + 2;
    } else if (template.startsWith(BLOCK_OPEN, index)) {
      if (block) return { ok: false, error: `optional blocks cannot be nested: ${snippet(template, index)} is inside ${snippet(template, block.start)}` };
      flushText();
      block = { segments: [], start: index };
      index += BLOCK_OPEN.length;
    } else if (block && template.startsWith(BLOCK_CLOSE, index)) {
      flushText();
      parts.push({ kind: 'optional', segments: block.segments, raw: template.slice(block.start, index + BLOCK_CLOSE.length) });
      block = undefined;
      index += BLOCK_CLOSE.length;
    } else {
      text += template[index];
      index++;
    }
  }
  if (block) return { ok: false, error: `optional block ${snippet(template, block.start)} is never closed with "${BLOCK_CLOSE}"` };
  flushText();
  return { ok: true, parts };
}

/** `"$[[--seed ${{inputs.s…"`: where in the template a problem starts, quoted. */
function snippet(template: string, index: number): string {
  const text = template.slice(index).split('\n')[0] ?? '';
  return JSON.stringify(text.length > 32 ? `${text.slice(0, 32)}…` : text);
}

/** Every reference in the template, in order (including those inside optional blocks). */
export function referencesIn(parts: readonly TemplatePart[]): BindingRef[] {
  return parts.flatMap((part) => {
    if (part.kind === 'ref') return [part.ref];
    if (part.kind === 'optional') return part.segments.flatMap((segment) => (segment.kind === 'ref' ? [segment.ref] : []));
    return [];
  });
}

/** `${{inputs.images}}` alone (surrounding spaces allowed) → the reference; anything else → undefined. */
export function parseSingleRef(value: string): BindingRef | undefined {
  const trimmed = value.trim();
  if (!trimmed.startsWith(EXPRESSION_OPEN) || !trimmed.endsWith('}}')) return undefined;
  const match = REF.exec(trimmed.slice(EXPRESSION_OPEN.length, -2));
  return match ? { kind: match[1] as PortKind, name: match[2] as string } : undefined;
}

export function formatRef(ref: BindingRef): string {
  return `\${{${ref.kind}.${ref.name}}}`;
}

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
      const usesOptional = part.segments.some((s) => s.kind === 'ref' && s.ref.kind === 'inputs' && ports.optionalInputs.includes(s.ref.name));
      if (!usesOptional) {
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
