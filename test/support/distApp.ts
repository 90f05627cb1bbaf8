import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from './hostProcess';

/**
 * The compiled app's own modules, for tests that run this repo as a function app in-process.
 * The host loads `dist/functions/*.js` with Node's require (and forgets earlier copies when it
 * loads), so a test that wants to hand the app its dependencies — or throw errors the app's
 * `instanceof` checks recognise — must require the same `dist/` modules after the host started.
 * Types come from the sources.
 */
const requireFromRepo = createRequire(path.join(repoRoot, 'package.json'));

export function distModule<T>(sourcePath: string): T {
  return requireFromRepo(path.join(repoRoot, 'dist', sourcePath.replace(/\.ts$/, '.js'))) as T;
}

export const distComposition = () => distModule<typeof import('../../src/composition')>('src/composition.ts');
export const distComputes = () => distModule<typeof import('../../src/adapters/compute')>('src/adapters/compute/index.ts');
export const distMemoryJobStore = () => distModule<typeof import('../../src/adapters/memory/memoryJobStore')>('src/adapters/memory/memoryJobStore.ts');
export const distMemoryArtifacts = () => distModule<typeof import('../../src/adapters/memory/memoryArtifactStore')>('src/adapters/memory/memoryArtifactStore.ts');
