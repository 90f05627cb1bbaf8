import { isMap, isScalar, parseDocument, visit } from 'yaml';
import { REDACTED, secretWordIn } from './secretNames';

/**
 * Secret values out of what was submitted, before it is kept in a rejection record or a poison
 * message: every string value under a secret-looking key (secretNames.ts), wherever it is, in
 * JSON data, in YAML text (formatting kept), and — for text that parses as neither — on
 * `NAME: value` / `"NAME": "value"` lines.
 */

/** A copy of `data` with the values of secret-named keys replaced, YAML strings included. */
export function redactData(data: unknown): unknown {
  if (typeof data === 'string') return redactText(data);
  if (Array.isArray(data)) return data.map(redactData);
  if (data === null || typeof data !== 'object') return data;
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [
    key, typeof value === 'string' && secretWordIn(key) !== undefined ? REDACTED : redactData(value),
  ]));
}

/** YAML (or JSON) text with the values of secret-named keys replaced; other text by line. */
export function redactText(text: string): string {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return redactLines(text);
  let changed = false;
  visit(doc, {
    Pair(_key, pair) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string' && secretWordIn(pair.key.value) !== undefined && isScalar(pair.value)) {
        pair.value.value = REDACTED;
        changed = true;
      }
    },
  });
  return changed ? doc.toString() : text;
}

const KEY_VALUE = /^(\s*"?)([A-Za-z_][A-Za-z0-9_]*)("?\s*[:=]\s*)(.+?)(\s*,?\s*)$/;

function redactLines(text: string): string {
  return text.split('\n').map((line) => {
    const match = KEY_VALUE.exec(line);
    if (!match || secretWordIn(match[2]!) === undefined) return line;
    return `${match[1]}${match[2]}${match[3]}"${REDACTED}"${match[5]}`;
  }).join('\n');
}
