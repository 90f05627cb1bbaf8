/**
 * ASP.NET Core route constraints, as Azure Functions route templates use them (`{id:int}`,
 * `{name:alpha:maxlength(10)}`, `{when:datetime}`, `{code:regex(^[a-z]{{3}}$)}`).
 */
export type RouteConstraint = (value: string) => boolean;

const GUID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32}|\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}|\([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\))$/i;
const INTEGER = /^-?\d+$/;
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

const SIMPLE: Record<string, RouteConstraint> = {
  int: (v) => INTEGER.test(v) && Number(v) >= -(2 ** 31) && Number(v) < 2 ** 31,
  long: (v) => INTEGER.test(v) && BigInt(v) >= -(2n ** 63n) && BigInt(v) < 2n ** 63n,
  alpha: (v) => /^[a-z]+$/i.test(v),
  bool: (v) => /^(?:true|false)$/i.test(v),
  guid: (v) => GUID.test(v),
  datetime: (v) => !Number.isNaN(Date.parse(v)),
  decimal: (v) => NUMBER.test(v),
  double: (v) => NUMBER.test(v),
  float: (v) => NUMBER.test(v),
};

type Factory = (args: string[], where: string) => RouteConstraint;

const WITH_ARGUMENTS: Record<string, Factory> = {
  min: (args, where) => { const [min] = numbers(args, 1, where); return (v) => INTEGER.test(v) && Number(v) >= min!; },
  max: (args, where) => { const [max] = numbers(args, 1, where); return (v) => INTEGER.test(v) && Number(v) <= max!; },
  range: (args, where) => { const [min, max] = numbers(args, 2, where); return (v) => INTEGER.test(v) && Number(v) >= min! && Number(v) <= max!; },
  minlength: (args, where) => { const [min] = numbers(args, 1, where); return (v) => v.length >= min!; },
  maxlength: (args, where) => { const [max] = numbers(args, 1, where); return (v) => v.length <= max!; },
  length: (args, where) => {
    if (args.length === 1) { const [exact] = numbers(args, 1, where); return (v) => v.length === exact; }
    const [min, max] = numbers(args, 2, where);
    return (v) => v.length >= min! && v.length <= max!;
  },
  regex: (args, where) => {
    const source = args.join(',').replaceAll('{{', '{').replaceAll('}}', '}');
    try {
      const pattern = new RegExp(`^(?:${source})$`, 'i');
      return (v) => pattern.test(v);
    } catch (err) {
      throw new Error(`${where}: regex(${source}) is not a valid regular expression (${(err as Error).message}).`);
    }
  },
};

export const SUPPORTED_CONSTRAINTS = [...Object.keys(SIMPLE), ...Object.keys(WITH_ARGUMENTS).map((n) => `${n}(…)`)];

/** Builds the check for one constraint text such as `int` or `range(1,10)`. */
export function parseConstraint(text: string, where: string): RouteConstraint {
  const call = /^([a-z]+)\((.*)\)$/is.exec(text);
  const name = (call ? call[1]! : text).toLowerCase();
  if (!call && SIMPLE[name]) return SIMPLE[name];
  const factory = WITH_ARGUMENTS[name];
  if (call && factory) return factory(name === 'regex' ? [call[2]!] : call[2]!.split(',').map((a) => a.trim()), where);
  throw new Error(`${where}: unknown route constraint "${text}" (supported: ${SUPPORTED_CONSTRAINTS.join(', ')}).`);
}

function numbers(args: string[], count: number, where: string): number[] {
  const values = args.map(Number);
  if (args.length !== count || values.some((n) => !Number.isInteger(n))) {
    throw new Error(`${where}: expected ${count} integer argument(s), got (${args.join(',')}).`);
  }
  return values;
}
