import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The studio's scripts and styles: plain files in src/studio/assets/ (tsc copies nothing but
 * TypeScript, so they are read from the package's source tree, as the local compute's runner.js
 * is), served by name from a fixed list — nothing else of the disk is reachable.
 */

const ASSETS: Record<string, string> = {
  'studio.css': 'text/css; charset=utf-8',
  'common.js': 'text/javascript; charset=utf-8',
  'jobs.js': 'text/javascript; charset=utf-8',
  'job.js': 'text/javascript; charset=utf-8',
};

export interface StudioAsset {
  readonly body: string;
  readonly contentType: string;
}

const cache = new Map<string, Promise<StudioAsset>>();

/** The asset `name`, or undefined for a name not on the list. */
export function studioAsset(name: string): Promise<StudioAsset> | undefined {
  const contentType = ASSETS[name];
  if (contentType === undefined) return undefined;
  let asset = cache.get(name);
  if (asset === undefined) {
    asset = readFile(path.join(assetsDir(), name), 'utf8').then((body) => ({ body, contentType }));
    asset.catch(() => cache.delete(name));
    cache.set(name, asset);
  }
  return asset;
}

export function assetsDir(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'src', 'studio', 'assets');
    if (path.dirname(dir) === dir) throw new Error(`studio assets: no package.json above ${from}`);
  }
}
