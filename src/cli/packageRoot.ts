import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The durable-jobs package directory, found from this file (works from src/ and from dist/src/). */
export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'durable-jobs') return dir;
    if (path.dirname(dir) === dir) throw new Error(`Cannot find the durable-jobs package directory above ${from}`);
  }
}
