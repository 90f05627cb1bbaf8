/** Longest error text an outcome carries. */
export const MAX_ERROR_CHARS = 4096;

/**
 * `text` cut to at most `max` characters, keeping its head (a JavaScript error's message comes
 * first) and, mostly, its tail (a Python traceback ends with the exception), with a marker saying
 * how much was left out between them.
 */
export function trimText(text: string, max: number = MAX_ERROR_CHARS): string {
  if (text.length <= max) return text;
  const head = Math.floor(max / 4);
  const marker = `\n… ${text.length - max} characters left out …\n`;
  const tail = max - head - marker.length;
  return text.slice(0, head) + marker + text.slice(text.length - tail);
}
