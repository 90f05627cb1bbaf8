import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * vitest globalSetup: compiles src/ to dist/ (incrementally: about a second when nothing changed),
 * because some tests run the real CLI and host as separate processes — a host killed with SIGKILL
 * must be a process of its own.
 */
export default function build(): void {
  const root = path.join(__dirname, '..', '..');
  const tsc = require.resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
}
