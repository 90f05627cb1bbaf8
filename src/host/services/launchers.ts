import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Path of a launcher script from `src/host/services/launchers/`.
 *
 * The launchers are plain CommonJS `.js` files because a child process is a bare `node`, which
 * cannot run TypeScript. `tsc` (no `allowJs`) does not copy them into `dist/`, so they always live
 * in the source tree. This module itself runs from two places:
 *   - `src/host/services/`       when vitest runs the TypeScript sources, and
 *   - `dist/src/host/services/`  when node runs the compiled output (`npm start`).
 * Both are inside the package, so we walk up to the nearest `package.json` (`dist/` has none) and
 * join the fixed source path: the same file either way, with no build step to keep in sync.
 */
export function launcherPath(name: 'watchdog' | 'cosmos'): string {
  const file = join(packageRoot(__dirname), 'src', 'host', 'services', 'launchers', `${name}.js`);
  if (!existsSync(file)) throw new Error(`Service launcher not found: ${file} (is the package's src/ directory present?)`);
  return file;
}

function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json above ${from}`);
  }
}
