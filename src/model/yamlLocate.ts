import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { IssueAnchor } from './specIssues';

/**
 * Finds where in a YAML document a field path points: the key of an unknown field, the value of a
 * wrong one, or — for a missing field — the mapping it should have been in (its key, if it has one).
 * Returns a character offset; paths that leave the document resolve to the deepest node reached.
 */
export function locateInDocument(doc: Document, path: readonly PropertyKey[], anchor: IssueAnchor): number | undefined {
  let node: unknown = doc.contents;
  let keyOffset: number | undefined; // the key that holds `node`, when it is a mapping value
  let offset = startOf(node) ?? 0;

  for (const [index, segment] of path.entries()) {
    node = resolveAlias(node, doc);
    const isLast = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => keyText(item) === String(segment));
      if (pair === undefined) return anchor === 'parent' ? (keyOffset ?? offset) : offset;
      const pairKeyOffset = startOf(pair.key);
      if (isLast && anchor === 'key') return pairKeyOffset ?? offset;
      keyOffset = pairKeyOffset;
      node = pair.value;
      offset = startOf(node) ?? pairKeyOffset ?? offset;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
      keyOffset = undefined;
      node = node.items[segment];
      offset = startOf(node) ?? offset;
    } else {
      return anchor === 'parent' ? (keyOffset ?? offset) : offset;
    }
  }
  if (anchor === 'parent') return keyOffset ?? offset;
  return offset;
}

function keyText(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function resolveAlias(node: unknown, doc: Document): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

function startOf(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
