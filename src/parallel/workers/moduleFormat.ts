import { readFileSync } from 'node:fs';
import path from 'node:path';

export type ModuleFormat = 'esm' | 'cjs';

/**
 * The module system Node gives `file`: .mjs/.mts are ES modules, .cjs/.cts CommonJS, and .js/.ts
 * follow the `type` of the nearest package.json ("module" → ES module, otherwise CommonJS).
 */
export function moduleFormatOf(file: string): ModuleFormat {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.mjs' || extension === '.mts') return 'esm';
  if (extension === '.cjs' || extension === '.cts') return 'cjs';
  return nearestPackageType(path.dirname(file)) === 'module' ? 'esm' : 'cjs';
}

function nearestPackageType(from: string): unknown {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const text = readIfExists(path.join(dir, 'package.json'));
    if (text !== undefined) return typeOf(text);
    if (path.dirname(dir) === dir) return undefined;
  }
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function typeOf(packageJson: string): unknown {
  try {
    return (JSON.parse(packageJson) as { type?: unknown }).type;
  } catch {
    return undefined; // Node reports a broken package.json itself when it loads the script
  }
}
