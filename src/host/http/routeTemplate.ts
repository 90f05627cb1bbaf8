import { parseConstraint, type RouteConstraint } from './routeConstraints';

/**
 * Route templates as Azure Functions (ASP.NET Core routing) reads them: literal segments matched
 * case-insensitively, `{name}`, `{name?}` (optional, trailing), `{name=default}`,
 * `{name:int}`-style constraints, `{*rest}` (catch-all, last), and complex segments such as
 * `{name}.{ext}`. `{{` and `}}` are literal braces.
 */
export interface RouteParam {
  name: string;
  optional: boolean;
  catchAll: boolean;
  defaultValue: string | undefined;
  constraints: RouteConstraint[];
}

type Part = { literal: string } | { param: RouteParam };

export interface CompiledRoute {
  /** The template after the prefix, as written (slashes trimmed). */
  template: string;
  params: RouteParam[];
  /** Lower sorts first: literal segments beat constrained parameters, which beat plain ones and catch-alls. */
  precedence: number[];
  /** Route values for a request path (`/api/items/5`), or undefined when it does not match. */
  match(path: string): Record<string, string> | undefined;
}

export function compileRoute(prefix: string, template: string, where: string): CompiledRoute {
  const trimmed = template.replace(/^\/+|\/+$/g, '');
  const full = [prefix.replace(/^\/+|\/+$/g, ''), trimmed].filter((s) => s !== '').join('/');
  const segments = full === '' ? [] : full.split('/').map((text) => parseSegment(text, `${where}: route "${template}"`));
  checkShape(segments, `${where}: route "${template}"`);

  const params: RouteParam[] = [];
  let source = '^';
  for (const parts of segments) {
    const only = parts.length === 1 ? parts[0] : undefined;
    if (only && 'param' in only && canBeOmitted(only.param)) {
      params.push(only.param);
      source += only.param.catchAll ? '(?:/(.*))?' : '(?:/([^/]+))?';
      continue;
    }
    source += '/';
    for (const part of parts) {
      if ('literal' in part) source += escapeRegex(part.literal);
      else {
        params.push(part.param);
        source += parts.length === 1 ? '([^/]+)' : '([^/]+?)';
      }
    }
  }
  const pattern = new RegExp(`${source}/?$`, 'i');
  return { template: trimmed, params, precedence: segments.map(rank), match: (path) => matchPath(pattern, params, path) };
}

function matchPath(pattern: RegExp, params: RouteParam[], path: string): Record<string, string> | undefined {
  const found = pattern.exec(path);
  if (!found) return undefined;
  const values: Record<string, string> = {};
  for (const [index, param] of params.entries()) {
    const raw = found[index + 1];
    if (raw === undefined || raw === '') {
      if (param.defaultValue !== undefined) values[param.name] = param.defaultValue;
      else if (!param.optional && !param.catchAll) return undefined;
      continue;
    }
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (!param.constraints.every((check) => check(value))) return undefined;
    values[param.name] = value;
  }
  return values;
}

function parseSegment(text: string, where: string): Part[] {
  const parts: Part[] = [];
  let literal = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if ((ch === '{' || ch === '}') && text[i + 1] === ch) { literal += ch; i++; continue; }
    if (ch === '}') throw new Error(`${where}: unmatched "}" in segment "${text}".`);
    if (ch !== '{') { literal += ch; continue; }
    let body = '';
    for (i++; i < text.length; i++) {
      if (text[i] === '}' && text[i + 1] === '}') { body += '}}'; i++; continue; }
      if (text[i] === '}') break;
      body += text[i];
    }
    if (i >= text.length) throw new Error(`${where}: unclosed "{" in segment "${text}".`);
    if (literal !== '') parts.push({ literal });
    literal = '';
    parts.push({ param: parseParam(body, where) });
  }
  if (literal !== '') parts.push({ literal });
  if (parts.length === 0) throw new Error(`${where}: empty segment (two slashes in a row).`);
  return parts;
}

function parseParam(body: string, where: string): RouteParam {
  let rest = body.trim();
  const catchAll = rest.startsWith('*');
  rest = rest.replace(/^\*{1,2}/, '');
  const optional = rest.endsWith('?');
  if (optional) rest = rest.slice(0, -1);
  const eq = indexOutsideParens(rest, '=');
  const defaultValue = eq >= 0 ? rest.slice(eq + 1) : undefined;
  if (eq >= 0) rest = rest.slice(0, eq);
  const [name = '', ...constraintTexts] = splitOutsideParens(rest, ':');
  if (!/^[A-Za-z_][\w-]*$/.test(name)) throw new Error(`${where}: "{${body}}" has no valid parameter name.`);
  const constraints = constraintTexts.map((c) => parseConstraint(c, `${where}, parameter "${name}"`));
  return { name, optional, catchAll, defaultValue, constraints };
}

function checkShape(segments: Part[][], where: string): void {
  const seen = new Set<string>();
  let optionalSeen = false;
  segments.forEach((parts, index) => {
    for (const part of parts) {
      if (!('param' in part)) continue;
      const { name, optional, catchAll } = part.param;
      if (seen.has(name.toLowerCase())) throw new Error(`${where}: parameter "${name}" appears twice.`);
      seen.add(name.toLowerCase());
      if (catchAll && index !== segments.length - 1) throw new Error(`${where}: catch-all "{*${name}}" must be the last segment.`);
      if ((optional || catchAll) && parts.length > 1) throw new Error(`${where}: "${name}" cannot be optional or catch-all inside a segment with other text.`);
    }
    const isOptional = parts.length === 1 && 'param' in parts[0]! && canBeOmitted(parts[0].param);
    if (optionalSeen && !isOptional) throw new Error(`${where}: only trailing segments may be optional.`);
    optionalSeen ||= isOptional;
  });
}

/** Optional, defaulted and catch-all parameters may be left out of the path. */
function canBeOmitted(param: RouteParam): boolean {
  return param.optional || param.catchAll || param.defaultValue !== undefined;
}

function rank(parts: Part[]): number {
  if (parts.length > 1) return 2;
  const part = parts[0]!;
  if ('literal' in part) return 1;
  if (part.param.catchAll) return 5;
  return part.param.constraints.length > 0 ? 3 : 4;
}

function splitOutsideParens(text: string, separator: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === separator && depth === 0) { pieces.push(current); current = ''; } else current += ch;
  }
  pieces.push(current);
  return pieces;
}

function indexOutsideParens(text: string, target: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    if (text[i] === ')') depth--;
    if (text[i] === target && depth === 0) return i;
  }
  return -1;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
