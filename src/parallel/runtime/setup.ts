import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from './atomicFile';

/**
 * What the workers of a parallel job need, worked out by ParallelPrepare and kept in the job's
 * folder so that any activity of any host process can pick the job up. No secrets: environment
 * variables are opened from the job record when a pool starts.
 */
export const ParallelSetup = z.strictObject({
  /** Absolute path of the entry script inside the code snapshot. */
  entryScript: z.string().min(1),
  codeDir: z.string().min(1),
  /** `program_arguments` expanded and split into words. */
  argv: z.array(z.string()),
  /** The resolved `model`, given to the script as AZUREML_MODEL_DIR. */
  modelDir: z.string().optional(),
  /** The input_data's local path: the root the manifest's relative paths are under. */
  inputRoot: z.string().min(1),
  workers: z.int().min(1),
  runTimeoutMs: z.int().min(1),
  maxRetries: z.int().min(0),
  errorThreshold: z.int().min(-1),
  miniBatchErrorThreshold: z.int().min(-1),
  miniBatches: z.int().min(0),
  items: z.int().min(0),
  /** append_row: the file rows go to, and the output it belongs to. */
  appendRow: z.strictObject({ output: z.string(), file: z.string() }).optional(),
  /** Output name → local folder, uploaded at the end. */
  outputs: z.record(z.string(), z.string()),
  loggingLevel: z.string(),
  /** The plan the current run goes through. */
  plan: z.string(),
});
export type ParallelSetup = z.infer<typeof ParallelSetup>;

export async function writeSetup(file: string, setup: ParallelSetup): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(setup));
}

export async function readSetup(file: string): Promise<ParallelSetup | undefined> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? undefined : Promise.reject(err)));
  return text === undefined ? undefined : ParallelSetup.parse(JSON.parse(text));
}
