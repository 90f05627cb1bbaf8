import path from 'node:path';

/**
 * Paths as manifests store them: relative POSIX paths under the input root, `/`-separated, with no
 * empty, `.` or `..` segment — or `.` alone, meaning the input itself (a `uri_file`). A manifest
 * that passes this check cannot name anything outside the root it is read against.
 */
export const INPUT_ITSELF = '.';

export function isManifestPath(text: string): boolean {
  if (text === INPUT_ITSELF) return true;
  if (text.includes('\0')) return false;
  return text.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/** The local path of `relative` under `root` (the path given to partitionInput). */
export function resolveUnder(root: string, relative: string): string {
  return relative === INPUT_ITSELF ? root : path.join(root, ...relative.split('/'));
}

/** How a path is named in messages: the relative path, or the file's own name for the input itself. */
export function displayPath(root: string, relative: string): string {
  return relative === INPUT_ITSELF ? path.basename(root) : relative;
}

/**
 * Sorts paths by the bytes of their UTF-8 form, which is code point order: the same on every
 * machine and locale (JavaScript's `<` compares UTF-16 units, which differs for characters beyond
 * U+FFFF).
 */
export function sortByUtf8(paths: readonly string[]): string[] {
  return paths
    .map((text) => ({ text, key: Buffer.from(text, 'utf8') }))
    .sort((a, b) => Buffer.compare(a.key, b.key))
    .map((entry) => entry.text);
}
