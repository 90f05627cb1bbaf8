/** Error text that is safe to log: messages without stacks, and without secrets. */

/**
 * Removes secrets that storage and HTTP errors can carry (SAS signatures, account keys, function
 * keys in URLs) before a message reaches a log.
 */
export function redact(text: string): string {
  return text
    .replace(/\b(sig|code)=[^&\s"';]+/gi, '$1=REDACTED')
    .replace(/\b(AccountKey|SharedAccessSignature|SharedAccessKey)=[^;\s"']+/gi, '$1=REDACTED')
    .replace(/(x-functions-key["']?\s*[:=]\s*["']?)[^"',\s]+/gi, '$1REDACTED');
}

/** The message of an error (or the text of a thrown non-error), without its stack. */
export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
