import { z } from 'zod';
import { closestMatch, listOf } from './suggest';

/**
 * Unknown fields are errors, and the error names the closest known field. zod reports unknown keys
 * of a strict object as one `unrecognized_keys` issue that carries the keys but not the fields the
 * object does accept; `strictObject` records those, keyed by the issue's `keys` array, so that
 * `unknownFieldMessage` can suggest a correction however the schema was nested or invoked.
 */
const knownFieldsByIssue = new WeakMap<readonly string[], readonly string[]>();

/** `z.strictObject` that remembers its field names for unknown-field suggestions. Use it for every object. */
export function strictObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') knownFieldsByIssue.set(issue.keys, known);
      return undefined; // keep zod's own message; ours is built per key by unknownFieldMessage
    },
  });
}

/** The fields the object that raised this `unrecognized_keys` issue accepts (empty if not made by strictObject). */
export function knownFieldsFor(keys: readonly string[]): readonly string[] {
  return knownFieldsByIssue.get(keys) ?? [];
}

/** `unknown field "comand" — did you mean "command"?`, or the list of accepted fields when nothing is close. */
export function unknownFieldMessage(field: string, known: readonly string[]): string {
  const match = closestMatch(field, known);
  if (match !== undefined) return `unknown field "${field}" — did you mean "${match}"?`;
  return known.length === 0 ? `unknown field "${field}"` : `unknown field "${field}"; accepted fields: ${listOf(known)}`;
}
