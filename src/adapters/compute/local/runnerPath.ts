import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Path of `runner.js`, the plain CommonJS script a run's detached process executes (a bare `node`
 * cannot run TypeScript). `tsc` does not copy `.js` files into `dist/`, so the script always lives
 * in the source tree; this module runs from `src/adapters/compute/local/` under vitest and from
 * `dist/src/adapters/compute/local/` in production. Both are inside the package: walk up to the
 * nearest package.json (`dist/` has none) and join the fixed source path, as
 * src/host/services/launchers.ts does.
 */
export function runnerPath(from: string = __dirname): string {
  const file = path.join(packageRoot(from), 'src', 'adapters', 'compute', 'local', 'runner.js');
  if (!existsSync(file)) throw new Error(`local compute runner not found: ${file} (is the package's src/ directory present?)`);
  return file;
}

function packageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`local compute runner: no package.json above ${from}`);
  }
}
