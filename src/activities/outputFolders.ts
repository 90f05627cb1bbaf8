import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { NormalizedOutput } from '../model';

/**
 * An empty local folder per output under `outputsRoot`, and what `${{outputs.NAME}}` becomes: the
 * folder, or for a `uri_file` output the file inside it (named after its `path`, else the output).
 */
export async function createOutputFolders(
  outputs: Readonly<Record<string, NormalizedOutput>>, outputsRoot: string,
): Promise<{ dirs: Record<string, string>; paths: Record<string, string> }> {
  const dirs: Record<string, string> = {};
  const paths: Record<string, string> = {};
  for (const [name, output] of Object.entries(outputs)) {
    const dir = path.join(outputsRoot, name);
    await mkdir(dir, { recursive: true });
    dirs[name] = dir;
    paths[name] = output.type === 'uri_file' ? path.join(dir, path.posix.basename(output.path ?? name) || name) : dir;
  }
  return { dirs, paths };
}
