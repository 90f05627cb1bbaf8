import { distance } from 'fastest-levenshtein';

/**
 * The candidate closest to `word`, if it is close enough to be a plausible typo: at most 2 edits,
 * or a third of the word's length for longer words. Case-only differences always match.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: { candidate: string; cost: number } | undefined;
  for (const candidate of candidates) {
    const cost = candidate.toLowerCase() === lower ? 0 : distance(lower, candidate.toLowerCase());
    if (best === undefined || cost < best.cost) best = { candidate, cost };
  }
  if (best === undefined) return undefined;
  const tolerance = Math.max(2, Math.floor(word.length / 3));
  return best.cost <= tolerance ? best.candidate : undefined;
}

/** ` — did you mean "x"?` when a close candidate exists, otherwise an empty string. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? '' : ` — did you mean "${match}"?`;
}

/** `a, b, c` for messages that list what would be accepted. */
export function listOf(values: readonly unknown[]): string {
  return values.map((value) => (value === null ? 'null' : String(value))).join(', ');
}
