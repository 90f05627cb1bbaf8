/**
 * Binding expressions in commands: `${{inputs.NAME}}`, `${{outputs.NAME}}`, and optional blocks
 * `$[[ … ]]` that are dropped when an input used inside them has no value. This file parses them.
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

