/**
 * A thrown value as text for an outcome: the stack (which starts with the message), then its
 * causes; stack frames in files under `hiddenDirs` (the worker's own code) and in Node's internals
 * are left out, so what remains is the user's code.
 */
export function describeError(thrown: unknown, hiddenDirs: readonly string[] = []): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  for (let current = thrown; current !== undefined && !seen.has(current) && parts.length < 5; current = causeOf(current)) {
    seen.add(current);
    parts.push(withoutFrames(textOf(current), hiddenDirs));
  }
  return parts.join('\nCaused by: ');
}

function textOf(value: unknown): string {
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  if (typeof value === 'string') return `thrown string: ${value}`;
  try {
    return `thrown value: ${JSON.stringify(value) ?? String(value)}`;
  } catch {
    return `thrown value: ${String(value)}`;
  }
}

function withoutFrames(text: string, hiddenDirs: readonly string[]): string {
  const hidden = (line: string) => /^\s+at /.test(line) && (line.includes('node:internal/') || hiddenDirs.some((dir) => line.includes(dir)));
  return text.split('\n').filter((line) => !hidden(line)).join('\n');
}

function causeOf(value: unknown): unknown {
  return value instanceof Error ? value.cause : undefined;
}

/** `error` with a stack that is just its message: for errors about the user's code, where our stack says nothing. */
export function withoutStack<E extends Error>(error: E): E {
  error.stack = `${error.name}: ${error.message}`;
  return error;
}
