/** Objects that JSON.stringify turns into `{}` or drops, losing what they hold. */
const LOSSY: readonly (abstract new (...args: never[]) => object)[] = [Map, Set, WeakMap, WeakSet, Promise, RegExp, Error, ArrayBuffer, SharedArrayBuffer, DataView];

/**
 * Why `value` cannot travel as JSON, naming where inside it (`results[3].score`) and what it is;
 * undefined when it can. Values with toJSON (Date, …) are taken as their JSON; `undefined` follows
 * JSON (dropped from objects, null in arrays).
 */
export function jsonProblem(value: unknown, where: string, seen: Set<object> = new Set()): string | undefined {
  switch (typeof value) {
    case 'string': case 'boolean': case 'undefined':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : `${where} is ${value}, which JSON cannot carry`;
    case 'bigint':
      return `${where} is a BigInt (${value}n), which JSON cannot carry; convert it to a number or a string`;
    case 'function': case 'symbol':
      return `${where} is a ${typeof value}, which JSON cannot carry`;
    case 'object':
      return value === null ? undefined : objectProblem(value, where, seen);
  }
}

function objectProblem(value: object, where: string, seen: Set<object>): string | undefined {
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return undefined;
  if (seen.has(value)) return `${where} refers back to an object that contains it (a circular structure)`;
  const lossy = LOSSY.find((type) => value instanceof type) ?? (ArrayBuffer.isView(value) ? value.constructor : undefined);
  if (lossy) return `${where} is a ${lossy.name}, which JSON cannot carry; convert it to an array or a plain object`;
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const problem = jsonProblem(value[i], `${where}[${i}]`, seen);
        if (problem) return problem;
      }
      return undefined;
    }
    for (const [key, item] of Object.entries(value)) {
      const problem = jsonProblem(item, `${where}${/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`}`, seen);
      if (problem) return problem;
    }
    return undefined;
  } finally {
    seen.delete(value);
  }
}
