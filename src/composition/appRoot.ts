import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The function app's root: the nearest folder above this module with a package.json (on Azure,
 * the site root; locally, the repository). Relative paths in app settings resolve against it, so
 * they mean the same whatever directory the host was started from.
 */
export function appRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}
