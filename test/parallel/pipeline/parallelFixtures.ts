import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Parallel jobs as users write them, with their data and entry scripts written into a test's data
 * root: a folder of text files and a JS entry script whose behaviour the files steer (a file
 * containing `bad` makes run() raise, `short` makes it return one result too few).
 */

export async function textFiles(root: string, folder: string, contents: readonly string[]): Promise<string> {
  const dir = path.join(root, folder);
  await mkdir(dir, { recursive: true });
  await Promise.all(contents.map((text, i) => writeFile(path.join(dir, `file_${String(i).padStart(3, '0')}.txt`), text)));
  return dir;
}

/** `init()` appends `init <pid>` to $INIT_LOG; rows are `<file name> <length>`; a `marker` file (program argument) makes bad files fail. */
export const CLASSIFY_JS = `
const fs = require('node:fs');
const path = require('node:path');
const marker = process.argv[process.argv.indexOf('--marker') + 1];
exports.init = () => {
  if (process.env.INIT_LOG) fs.appendFileSync(process.env.INIT_LOG, 'init ' + process.pid + '\\n');
  console.log('init in ' + process.pid);
};
exports.run = (batch) => {
  const rows = [];
  for (const file of batch) {
    const text = fs.readFileSync(file, 'utf8');
    if (text.includes('bad') && (!marker || fs.existsSync(marker))) throw new Error('cannot classify ' + path.basename(file));
    rows.push(path.basename(file) + ' ' + text.trim().length);
  }
  if (batch.some((file) => fs.readFileSync(file, 'utf8').includes('short'))) rows.pop();
  return rows;
};
exports.shutdown = () => {
  if (process.env.INIT_LOG) fs.appendFileSync(process.env.INIT_LOG, 'shutdown ' + process.pid + '\\n');
};
`;

export async function classifyCode(root: string): Promise<void> {
  await mkdir(path.join(root, 'src'), { recursive: true });
  await writeFile(path.join(root, 'src', 'classify.js'), CLASSIFY_JS);
}

export function parallelJob(overrides: Record<string, unknown> = {}): Record<string, unknown> & { name: string } {
  return {
    name: `par-${randomUUID().slice(0, 8)}`,
    type: 'parallel',
    inputs: { texts: { type: 'uri_folder', path: './texts' } },
    outputs: { scores: { type: 'uri_folder' } },
    input_data: '${{inputs.texts}}',
    mini_batch_size: '4',
    resources: { instance_count: 1 },
    max_concurrency_per_instance: 2,
    retry_settings: { max_retries: 1, timeout: 30 },
    task: {
      type: 'run_function', code: './src', entry_script: 'classify.js',
      append_row_to: '${{outputs.scores}}', environment: 'azureml:node:1',
    },
    ...overrides,
  };
}

/** An entry script as Azure ML users write them, with EntryScript's logger and argparse in init(). */
export const AZUREML_STYLE_PY = `
import argparse
import os
from azureml_user.parallel_run import EntryScript


def init():
    global prefix, logger
    parser = argparse.ArgumentParser()
    parser.add_argument("--prefix", default="?")
    args, _ = parser.parse_known_args()
    prefix = args.prefix
    logger = EntryScript().logger
    logger.info("init with prefix %s", prefix)


def run(mini_batch):
    logger.info("mini-batch of %d", len(mini_batch))
    result = []
    for file_path in mini_batch:
        with open(file_path) as f:
            result.append(f"{prefix}{os.path.basename(file_path)}:{f.read().strip()}")
    return result
`;
