import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes `file` so that readers see the old content or the new, never a part (write aside, then rename). */
export async function writeFileAtomic(file: string, data: string | Buffer): Promise<void> {
  const aside = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(aside, data);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(aside, data);
  }
  await rename(aside, file);
}
